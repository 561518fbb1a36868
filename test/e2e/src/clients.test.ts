import { execFile } from 'node:child_process'
import { hostname } from 'node:os'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import { createTcpTransport, type Transport } from '@dvt/transports'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type PortName, type ServeHandle, startServe } from './support/dvt-process'

// Software written for real bench instruments, unmodified, against a real `dvt serve` (docs/scpi.md#talking-to-the-bench).
// The Debian python3 carries pyvisa, pyvisa-py and pymeasure 0.9; the python3 first on PATH may not.
const PYTHON = '/usr/bin/python3'
const CLIENTS = resolve(import.meta.dirname, 'clients')
const run = promisify(execFile)

const IDN: Record<Exclude<PortName, 'telemetry'>, string> = {
  control: `DVT-SIM,CONTROL,${hostname()},`, // the bench's station (no --station: the host name), then the release
  chamber: 'TEMPTRONIC,ATS-545-SIM,0,1.0.0',
  supply: 'Keysight Technologies,E36312A-SIM,0,1.0.0',
  dmm: 'Keysight Technologies,34461A-SIM,0,1.0.0',
  load: 'Keysight Technologies,EL34143A-SIM,0,1.0.0',
  mux: 'Keysight Technologies,DAQ970A-SIM,0,1.0.0',
}
const INSTRUMENTS = Object.keys(IDN) as (keyof typeof IDN)[]

async function python(script: string, args: readonly (string | number)[]): Promise<Record<string, unknown>> {
  const { stdout } = await run(PYTHON, [resolve(CLIENTS, script), ...args.map(String)], { timeout: 60_000 })
  return JSON.parse(stdout) as Record<string, unknown>
}

async function lxi(port: number, command: string, timeoutS = 3): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run('lxi', [
      'scpi',
      '-a',
      '127.0.0.1',
      '-p',
      String(port),
      '-t',
      String(timeoutS),
      '-r',
      command,
    ])
    return { code: 0, out: stdout.trim() }
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string }
    return { code: failed.code ?? -1, out: `${failed.stdout ?? ''}${failed.stderr ?? ''}`.trim() }
  }
}

function expectLdoOutput(volts: unknown): void {
  expect(typeof volts).toBe('number')
  expect(volts as number).toBeGreaterThan(3.2)
  expect(volts as number).toBeLessThan(3.4)
}

describe('real SCPI clients against dvt serve', () => {
  let serve: ServeHandle
  let supply: Transport
  let dmm: Transport

  beforeAll(async () => {
    serve = await startServe({ speed: 'max' })
    supply = createTcpTransport({ host: '127.0.0.1', port: serve.ports.supply, name: 'power supply' })
    dmm = createTcpTransport({ host: '127.0.0.1', port: serve.ports.dmm, name: 'multimeter' })
  })
  afterAll(async () => {
    await supply?.close()
    await dmm?.close()
    await serve?.stop()
  })

  it('our TCP transport: *IDN? of every port, then the LDO output through the multimeter', async () => {
    for (const name of INSTRUMENTS) {
      const transport = createTcpTransport({ host: '127.0.0.1', port: serve.ports[name], name })
      try {
        expect(await transport.query('*IDN?')).toContain(IDN[name])
      } finally {
        await transport.close()
      }
    }
    await supply.write('VOLT 5')
    await supply.write('OUTP ON')
    expect(await supply.query('*OPC?')).toBe('1')
    const reading = await dmm.query('MEAS:VOLT:DC?')
    expect(reading).toMatch(/^[+-]\d\.\d{8}E[+-]\d\d$/)
    expectLdoOutput(Number(reading))
    expect(await dmm.query('SYST:ERR?')).toBe('+0,"No error"')
  })

  it('PyVISA (pyvisa-py, TCPIP::…::SOCKET): *IDN?, supply at 5 V → ~3.3 V, a bad query times out into SYST:ERR?', async () => {
    const p = serve.ports
    const out = await python('pyvisa_session.py', [p.control, p.chamber, p.supply, p.dmm, p.load, p.mux])
    const idn = out.idn as Record<string, string>
    for (const name of INSTRUMENTS) expect(idn[name]).toContain(IDN[name])
    expect(out).toMatchObject({ supply_opc: '1', supply_volt: '+5.00000000E+00', supply_outp: '1' })
    expectLdoOutput(out.dmm_volts)
    expectLdoOutput((out.dmm_ascii as number[])[0])
    expect(out.bad_query_answer).toBeUndefined()
    expect(out.bad_query_error).toBe('VI_ERROR_TMO')
    expect(out.dmm_error).toBe('-113,"Undefined header"')
    expect(out.dmm_error_after).toBe('+0,"No error"')
    expect(out.dmm_idn_after).toBe(IDN.dmm)
  })

  it('lxi-tools (raw/TCP): prints the *IDN? of every port, sends commands, times out on a rejected query', async () => {
    for (const name of INSTRUMENTS) {
      const r = await lxi(serve.ports[name], '*IDN?')
      expect(r.code).toBe(0)
      expect(r.out).toContain(IDN[name])
    }
    expect((await lxi(serve.ports.supply, 'VOLT 4.5')).code).toBe(0)
    expect((await lxi(serve.ports.supply, 'VOLT?')).out).toBe('+4.50000000E+00')
    expect((await lxi(serve.ports.supply, 'VOLT 5')).code).toBe(0)
    const bad = await lxi(serve.ports.dmm, 'NOT:A:COMMand?', 1)
    expect(bad.code).not.toBe(0)
    expect(bad.out).toMatch(/timeout/i)
    expect((await lxi(serve.ports.dmm, 'SYST:ERR?')).out).toBe('-113,"Undefined header"')
  })

  it('PyMeasure 0.9 drivers: HP34401A, Agilent34410A, Agilent34450A on the multimeter, LakeShore331 on the chamber', async () => {
    await supply.write('VOLT 5')
    await supply.write('OUTP ON')
    expect(await supply.query('*OPC?')).toBe('1')
    const out = await python('pymeasure_drivers.py', [serve.ports.dmm, serve.ports.chamber])
    type Driver = { values: Record<string, unknown>; errors: string[] }
    const driver = (name: string) => out[name] as Driver
    // Any command a driver sends that the instrument rejects is listed here with the step that sent it.
    for (const name of ['HP34401A', 'Agilent34410A', 'Agilent34450A', 'LakeShore331']) {
      expect({ name, errors: driver(name).errors }).toEqual({ name, errors: [] })
    }
    for (const name of ['HP34401A', 'Agilent34410A']) {
      const v = driver(name).values
      expect(v.id).toBe(IDN.dmm)
      expectLdoOutput(v.voltage_dc)
      expect(Math.abs(v.current_dc as number)).toBeLessThan(1e-3)
      expect(v.resistance as number).toBeGreaterThan(1_000)
      expect(v.resistance_4w as number).toBeGreaterThan(1_000)
    }
    const a = driver('Agilent34450A').values
    expect(a).toMatchObject({ id: IDN.dmm, mode: 'voltage', voltage_range: 10 })
    expect(a).toMatchObject({ 'voltage_range after set': 1, 'voltage_auto_range after set': false })
    expect(a).toMatchObject({ voltage_auto_range: true, 'voltage_range 10': 10 })
    for (const key of ['voltage', 'voltage 10 V range', 'voltage again']) expectLdoOutput(a[key])
    expect(Math.abs(a.current as number)).toBeLessThan(1e-3)
    expect(a.resistance as number).toBeGreaterThan(1_000)
    const l = driver('LakeShore331').values
    expect(l.id).toBe(IDN.chamber)
    expect(l.temperature_A as number).toBeGreaterThan(273.15 + 20)
    expect(l.temperature_A as number).toBeLessThan(273.15 + 30)
    expect(l.setpoint_1).toBeCloseTo(298.15, 2)
    expect(l['setpoint_1 after set']).toBeCloseTo(358.15, 2)
    expect(l['native setpoint after set']).toBe('85.00')
  })
})
