import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConfigError } from '@dvt/config'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { type ConfigFlags, loadCliConfig } from './load-cli-config'

let dir: string
/** A config file of the test's own, so neither config/default.yaml nor the caller's environment leaks in. */
let file: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dvt-cli-config-'))
  file = join(dir, 'bench.yaml')
  writeFileSync(file, 'simulation:\n  speed: 30\ninstruments:\n  timeout_ms: 800\n')
  for (const key of Object.keys(process.env)) if (key.startsWith('DVT__')) vi.stubEnv(key, undefined)
})

afterEach(() => {
  vi.unstubAllEnvs()
  rmSync(dir, { recursive: true, force: true })
})

function messageOf(flags: ConfigFlags, extra?: Record<string, unknown>): string {
  try {
    loadCliConfig(flags, extra)
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return (error as Error).message
  }
  throw new Error('expected a ConfigError')
}

describe('loadCliConfig', () => {
  it('reads the --config file over the defaults', () => {
    const config = loadCliConfig({ config: file })
    expect(config.simulation.speed).toBe(30)
    expect(config.instruments.timeout_ms).toBe(800)
    expect(config.instruments.simulator.host).toBe('127.0.0.1')
  })

  it.each([
    { speed: 'max', expected: 'max' },
    { speed: 'MAX', expected: 'max' },
    { speed: '5', expected: 5 },
    { speed: ' 0.5 ', expected: 0.5 },
  ])('--speed $speed sets simulation.speed to $expected over the file', ({ speed, expected }) => {
    expect(loadCliConfig({ config: file, speed }).simulation.speed).toBe(expected)
  })

  it('--host sets the simulator host and leaves the dashboard’s alone', () => {
    const config = loadCliConfig({ config: file, host: '10.0.0.2' })
    expect(config.instruments.simulator.host).toBe('10.0.0.2')
    expect(config.dashboard.host).toBe('127.0.0.1')
    expect(config.instruments.timeout_ms).toBe(800)
  })

  it('flags win over the DVT__ environment, which wins over the file', () => {
    vi.stubEnv('DVT__SIMULATION__SPEED', '10')
    vi.stubEnv('DVT__INSTRUMENTS__SIMULATOR__HOST', 'env-host')
    expect(loadCliConfig({ config: file }).simulation.speed).toBe(10)
    const flagged = loadCliConfig({ config: file, speed: 'max', host: 'flag-host' })
    expect(flagged.simulation.speed).toBe('max')
    expect(flagged.instruments.simulator.host).toBe('flag-host')
  })

  it('merges extra overrides into the sections the flags set', () => {
    const config = loadCliConfig(
      { config: file, host: '0.0.0.0' },
      { instruments: { timeout_ms: 100 }, dashboard: { host: '0.0.0.0', port: 9090 } },
    )
    expect(config.instruments.simulator.host).toBe('0.0.0.0')
    expect(config.instruments.timeout_ms).toBe(100)
    expect(config.dashboard).toMatchObject({ host: '0.0.0.0', port: 9090 })
  })

  describe('a bad value names the key, the value, what is allowed and the flag it came from', () => {
    it.each([
      { speed: '-1', says: 'config: simulation.speed must be a positive number or "max", got -1 (from --speed)' },
      { speed: 'fast', says: 'config: simulation.speed must be a positive number or "max", got "fast" (from --speed)' },
      {
        speed: '1e7',
        says: 'config: simulation.speed must be from 0.001 to 1000000 (× real time) or "max", got 10000000 (from --speed)',
      },
    ])('--speed $speed', ({ speed, says }) => {
      expect(messageOf({ config: file, speed })).toBe(says)
    })

    it('--host ""', () => {
      expect(messageOf({ config: file, host: '' })).toMatch(
        /^config: instruments\.simulator\.host must .*, got "" \(from --host\)$/,
      )
    })

    it('an extra override without a flag is "from the command line"', () => {
      expect(messageOf({ config: file }, { dashboard: { port: 'abc' } })).toBe(
        'config: dashboard.port must be a number, got "abc" (from the command line)',
      )
    })

    it('a bad value in the file names the file', () => {
      writeFileSync(file, 'simulation:\n  speed: 0\n')
      expect(messageOf({ config: file })).toBe(
        `config: simulation.speed must be a positive number or "max", got 0 (in ${file})`,
      )
    })

    it('a --config file that is not there', () => {
      const missing = join(dir, 'nope.yaml')
      expect(messageOf({ config: missing })).toBe(`config: the file ${missing} does not exist`)
    })
  })
})
