import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TransportTarget } from '@dvt/drivers'
import { createScriptedTransport, NO_ERROR } from '@dvt/drivers/testing'
import { INSTRUMENTS, type InstrumentRole } from '@dvt/protocol'
import { createTcpTransport } from '@dvt/transports'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readSessionFile } from './session-file'
import { createSessionRecorder, type SessionRecorder } from './session-recorder'

const target = (role: InstrumentRole, port = 0): TransportTarget => ({
  role,
  name: INSTRUMENTS[role].label,
  host: '127.0.0.1',
  port,
  timeoutMs: 500,
})

let dir: string
let recorder: SessionRecorder
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dvt-recorder-'))
  recorder = createSessionRecorder({ measurementsDir: dir, softwareVersion: '9.9.9' })
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('the session recorder', () => {
  it('records every exchange of a run through the transports it wraps, and nothing outside the run', async () => {
    const control = recorder.wrap(
      target('control'),
      createScriptedTransport([
        ['SIM:SPE MAX', null],
        ['SIM:TIME?;:SYST:ERR?', `+1.20000000E+02;${NO_ERROR}`],
        ['SIM:WAIT 30;*OPC?;:SYST:ERR?', `1;${NO_ERROR}`],
      ]),
    )
    const dmm = recorder.wrap(
      target('dmm'),
      createScriptedTransport(
        [
          ['*IDN?;:SYST:ERR?', `Keysight Technologies,34461A-SIM,0,1.0.0;${NO_ERROR}`],
          ['READ?;:SYST:ERR?', `+3.29500000E+00;${NO_ERROR}`],
        ],
        'TCPIP::127.0.0.1::5003::SOCKET',
      ),
    )
    // Before the run: a probe (its identity is kept) and a speed change (not recorded).
    await dmm.query('*IDN?;:SYST:ERR?')
    await control.write('SIM:SPE MAX')
    recorder.begin({ runId: 'r1', test: 'tempco', backend: 'simulator' })
    await control.query('SIM:TIME?;:SYST:ERR?')
    await control.query('SIM:WAIT 30;*OPC?;:SYST:ERR?')
    await dmm.query('READ?;:SYST:ERR?')
    const path = recorder.finish('r1', 'passed')
    expect(path).toBe(join(dir, 'sessions', 'run_r1.ndjson.gz'))
    const session = await readSessionFile(dir, 'r1')
    expect(session.header).toMatchObject({
      run_id: 'r1',
      test: 'tempco',
      software_version: '9.9.9',
      backend: 'simulator',
    })
    expect(session.header.instruments).toEqual([
      { role: 'control', label: 'simulation control', resource: 'TCPIP::scripted::0::SOCKET', identity: null },
      {
        role: 'dmm',
        label: 'multimeter',
        resource: 'TCPIP::127.0.0.1::5003::SOCKET',
        identity: 'Keysight Technologies,34461A-SIM,0,1.0.0',
      },
    ])
    expect(
      session.exchanges.map(({ seq, role, kind, sent, received, sim_s }) => ({
        seq,
        role,
        kind,
        sent,
        received,
        sim_s,
      })),
    ).toEqual([
      {
        seq: 0,
        role: 'control',
        kind: 'query',
        sent: 'SIM:TIME?;:SYST:ERR?',
        received: `+1.20000000E+02;${NO_ERROR}`,
        sim_s: null,
      },
      {
        seq: 1,
        role: 'control',
        kind: 'query',
        sent: 'SIM:WAIT 30;*OPC?;:SYST:ERR?',
        received: `1;${NO_ERROR}`,
        sim_s: 120,
      },
      {
        seq: 2,
        role: 'dmm',
        kind: 'query',
        sent: 'READ?;:SYST:ERR?',
        received: `+3.29500000E+00;${NO_ERROR}`,
        sim_s: 150,
      },
    ])
    for (const e of session.exchanges) {
      expect(e.t_ms).toBeGreaterThanOrEqual(0)
      expect(e.dur_ms).toBeGreaterThanOrEqual(0)
    }
    expect(session.end).toMatchObject({ run_id: 'r1', status: 'passed', exchanges: 3 })
  })

  it('records a failed exchange with the transport’s error, and passes the error on', async () => {
    // Port 1 refuses connections on these machines (nothing listens there).
    const load = recorder.wrap(
      target('load', 1),
      createTcpTransport({ host: '127.0.0.1', port: 1, name: 'electronic load' }),
    )
    recorder.begin({ runId: 'r2', test: 'tempco', backend: 'visa' })
    await expect(load.query('MEAS:CURR?;:SYST:ERR?')).rejects.toMatchObject({ code: 'TRANSPORT_REFUSED' })
    await expect(load.write('INP OFF')).rejects.toMatchObject({ code: 'TRANSPORT_REFUSED' })
    recorder.finish('r2', 'error')
    const [query, write] = (await readSessionFile(dir, 'r2')).exchanges
    expect(query).toMatchObject({ kind: 'query', received: null, error: { code: 'TRANSPORT_REFUSED' } })
    expect(query!.error!.message).toMatch(/cannot reach the electronic load at 127\.0\.0\.1:1/)
    expect(write).toMatchObject({
      kind: 'write',
      sent: 'INP OFF',
      received: null,
      error: { code: 'TRANSPORT_REFUSED' },
    })
    await load.close()
  })

  it('finishes only the run it began; a discarded recording writes nothing', async () => {
    recorder.begin({ runId: 'r3', test: 'tempco', backend: 'simulator' })
    expect(() => recorder.finish('other', 'passed')).toThrow(/no recording of run other is open/)
    recorder.begin({ runId: 'r4', test: 'tempco', backend: 'simulator' })
    recorder.discard()
    expect(() => recorder.finish('r4', 'passed')).toThrow(/no recording of run r4 is open/)
    // Neither left a file behind.
    expect(existsSync(join(dir, 'sessions')) ? readdirSync(join(dir, 'sessions')) : []).toEqual([])
  })
})
