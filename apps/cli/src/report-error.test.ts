import { ConfigError, loadConfig } from '@dvt/config'
import { InstrumentError } from '@dvt/drivers'
import { defaultRegistry, FrameworkError, validateParameters } from '@dvt/framework'
import { ScpiExecutionError } from '@dvt/scpi'
import { StorageError } from '@dvt/storage'
import { RUN_STATUSES } from '@dvt/storage/records'
import { TransportError } from '@dvt/transports'
import { describe, expect, it } from 'vitest'
import { CliError, EXIT, exitCodeFor } from './cli-error'
import { describeError, reportError } from './report-error'

const UNEXPECTED = '(set DVT_DEBUG=1 for details and please report it)'

function thrownBy(fn: () => unknown): unknown {
  try {
    fn()
  } catch (error) {
    return error
  }
  throw new Error('expected it to throw')
}

describe('EXIT', () => {
  it('holds the exit codes of the README', () => {
    expect(EXIT).toEqual({ ok: 0, failed: 1, usage: 1, error: 2, aborted: 130 })
  })

  it('maps how a run ended to the exit code run-test returns', () => {
    expect(RUN_STATUSES.map((status) => [status, exitCodeFor(status)])).toEqual([
      ['pending', 2],
      ['running', 2],
      ['passed', 0],
      ['failed', 1],
      ['error', 2],
      ['aborted', 130],
    ])
  })
})

describe('CliError', () => {
  it('is a user error (exit 1) unless told otherwise', () => {
    const error = new CliError('CLI_USAGE', '--set takes key=value, got "samples"')
    expect(error).toBeInstanceOf(Error)
    expect(error).toMatchObject({ name: 'CliError', code: 'CLI_USAGE', exitCode: 1 })
    expect(error.message).toBe('--set takes key=value, got "samples"')
  })

  it('carries its own exit code and cause', () => {
    const cause = new TransportError('TRANSPORT_REFUSED', 'cannot reach the multimeter at 127.0.0.1:1')
    const error = new CliError('CLI_UNREACHABLE', cause.message, EXIT.error, { cause })
    expect(error).toMatchObject({ code: 'CLI_UNREACHABLE', exitCode: 2, cause })
  })
})

describe('reportError: one line on stderr and the exit code', () => {
  it('says a CliError as it is, with its exit code', () => {
    expect(reportError(new CliError('CLI_USAGE', '--speed must be a positive number or "max", got "fast"'))).toEqual({
      line: 'dvt: --speed must be a positive number or "max", got "fast"',
      exitCode: 1,
    })
    const unreachable = new CliError('CLI_UNREACHABLE', 'cannot reach the simulation control', EXIT.error)
    expect(reportError(unreachable)).toEqual({ line: 'dvt: cannot reach the simulation control', exitCode: 2 })
  })

  it('says a configuration error as loadConfig wrote it, exit 1', () => {
    const error = thrownBy(() => loadConfig({ env: { DVT__PHYSICS__UPDATE_RATE_HZ: 'banana' } }))
    expect(error).toBeInstanceOf(ConfigError)
    expect(reportError(error)).toEqual({
      line: 'dvt: config: physics.update_rate_hz must be a number, got "banana" (from DVT__PHYSICS__UPDATE_RATE_HZ)',
      exitCode: 1,
    })
  })

  it('says a framework error as the framework wrote it, exit 1', () => {
    const unknownTest = thrownBy(() => defaultRegistry.get('nope'))
    expect(unknownTest).toBeInstanceOf(FrameworkError)
    const report = reportError(unknownTest)
    expect(report.line).toMatch(/^dvt: there is no test "nope" — the available tests are tempco, /)
    expect(report.exitCode).toBe(1)

    const badParameter = thrownBy(() => validateParameters(defaultRegistry.get('tempco'), { samples: 'abc' }))
    expect(badParameter).toBeInstanceOf(FrameworkError)
    expect(reportError(badParameter).line).toMatch(/^dvt: parameter "samples" of tempco is invalid/)
  })

  it.each([
    new StorageError('STORAGE_RUN_NOT_FOUND', 'no run matches "0badc0de" — "dvt list-runs" shows the IDs'),
    new StorageError('STORAGE_BAD_RUN_ID', '"zz" is not a run ID'),
    new TransportError('TRANSPORT_REFUSED', 'cannot reach the multimeter at 127.0.0.1:5003 — is "dvt serve" running?'),
    new InstrumentError('DRIVER_INSTRUMENT_ERROR', 'the chamber refused "SETP 300": -222 Data out of range', {
      instrument: 'chamber',
      scpiCode: -222,
    }),
  ])('says a $name ($code) as it is, exit 1', (error) => {
    expect(reportError(error)).toEqual({ line: `dvt: ${error.message}`, exitCode: 1 })
  })

  it('says an unreachable database as storage wrote it, exit 2', () => {
    const error = new StorageError(
      'STORAGE_UNREACHABLE',
      'cannot reach the database at postgres://db/dvt (ECONNREFUSED)',
    )
    expect(reportError(error)).toEqual({ line: `dvt: ${error.message}`, exitCode: 2 })
  })

  it.each([
    {
      thrown: new TypeError("Cannot read properties of undefined (reading 'id')"),
      text: "Cannot read properties of undefined (reading 'id')",
    },
    {
      thrown: Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }),
      text: 'EACCES: permission denied',
    },
    { thrown: new ScpiExecutionError(-113), text: new ScpiExecutionError(-113).message },
    { thrown: 'a string', text: 'a string' },
    { thrown: undefined, text: 'undefined' },
  ])('calls anything else an unexpected error, exit 1: $text', ({ thrown, text }) => {
    expect(reportError(thrown)).toEqual({ line: `dvt: unexpected error: ${text} ${UNEXPECTED}`, exitCode: 1 })
  })

  it('does not take a foreign code that merely starts like ours for one of ours', () => {
    const foreign = Object.assign(new Error('x'), { code: 'CONFIGURATION' })
    expect(describeError(foreign)).toBe(`unexpected error: x ${UNEXPECTED}`)
  })
})
