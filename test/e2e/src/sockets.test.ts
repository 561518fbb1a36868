import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { createTcpTransport, type Transport } from '@dvt/transports'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ServeHandle, startServe } from './support/dvt-process'
import { serveForSuite } from './support/serve-for-suite'

// Several DUTs in one chamber, through a real `dvt serve --sockets 8` over real TCP (docs/physics.md#sockets).
const THETA = 15 + 5
const run = promisify(execFile)

interface Socket {
  serial: string
  case_c: number
  junction_c: number
  vin_v: number
  vout_v: number
  iout_a: number
  iq_a: number
  pdiss_w: number
  dut_state: string
}
interface State {
  chamber_c: number
  ramp_target_c: number
  supply_mode: string
  sockets: Socket[]
}

/** One connection per instrument of a running bench. */
function connect(serve: ServeHandle) {
  const open = (name: 'control' | 'chamber' | 'supply' | 'load' | 'mux') =>
    createTcpTransport({ host: '127.0.0.1', port: serve.ports[name], name, timeoutMs: 20_000 })
  const links = { control: open('control'), chamber: open('chamber'), supply: open('supply'), load: open('load') }
  const mux = open('mux')
  const state = async () => JSON.parse(await links.control.query('SIM:STAT?')) as State
  const wait = (seconds: number) => links.control.query(`SIM:WAIT ${seconds};*OPC?`)
  const close = () => Promise.all([...Object.values(links), mux].map((t) => t.close()))
  return { ...links, mux, state, wait, close }
}

async function errors(transport: Transport): Promise<number[]> {
  const codes: number[] = []
  for (let i = 0; i < 20; i++) {
    const code = Number.parseInt(await transport.query('SYST:ERR?'), 10)
    if (code === 0) break
    codes.push(code)
  }
  return codes
}

const numbers = (reply: string) => reply.split(',').map(Number)

describe('dvt serve --sockets 8, noise off', () => {
  const serve = serveForSuite({ speed: 'max', args: ['--sockets', '8'], env: { DVT__PHYSICS__NOISE: 'false' } })
  let bench: ReturnType<typeof connect>

  beforeAll(async () => {
    bench = connect(serve())
    await bench.supply.write('APPL P6V,5,5;:OUTP ON')
    for (let n = 1; n <= 8; n++) await bench.load.write(`CURR ${0.02 * n},(@${n});:INP ON,(@${n})`)
    expect(await bench.load.query('*OPC?')).toBe('1')
  })
  afterAll(async () => {
    await bench?.close()
  })

  it('lists the mux port and the board in its banner; SIM:SOCK? is 8', async () => {
    expect(serve().stdout()).toMatch(/8 sockets \(lot LOT\)/)
    expect(serve().stdout()).toMatch(/^\s+mux\s+\d+\s+Keysight Technologies,DAQ970A-SIM,0,1\.0\.0/m)
    expect(await bench.control.query('SIM:SOCK?')).toBe('+8')
    expect(await bench.control.query('SIM:DUT:SER? 8')).toBe('"LOT-008"')
  })

  it('soaks every socket in one chamber ramp; each junction = chamber + P·(θjc + θca) for its own P', async () => {
    await bench.chamber.write('SETP 85')
    await bench.wait(120)
    const ramping = await bench.state()
    expect(ramping.ramp_target_c).toBeCloseTo(45, 6)
    for (const socket of ramping.sockets) expect(socket.case_c).toBeLessThan(ramping.chamber_c + 5 * socket.pdiss_w + 1)
    await bench.wait(1800)
    const s = await bench.state()
    expect(s.sockets).toHaveLength(8)
    expect(new Set(s.sockets.map((socket) => socket.pdiss_w)).size).toBe(8)
    for (const socket of s.sockets) {
      expect(Math.abs(socket.junction_c - (s.chamber_c + socket.pdiss_w * THETA))).toBeLessThan(1e-6)
    }
  })

  it('draws the sum of the socket input currents from the one supply output', async () => {
    const s = await bench.state()
    const sum = s.sockets.reduce((total, socket) => total + socket.iout_a + socket.iq_a, 0)
    expect(Number(await bench.supply.query('MEAS:CURR? P6V'))).toBeCloseTo(sum, 9)
    const sensed = numbers(await bench.mux.query('MEAS:VOLT:DC? AUTO,(@201:208)'))
    expect(sensed.reduce((a, b) => a + b, 0)).toBeCloseTo(sum, 6)
  })

  it('the DAQ scans 8 channels in order, each taking its integration time', async () => {
    await bench.mux.write('*RST;CONF:VOLT:DC 10,(@101:108);:VOLT:DC:NPLC 10,(@101:108)')
    const t0 = Number(await bench.control.query('SIM:TIME?'))
    const readings = numbers(await bench.mux.query('READ?'))
    const t1 = Number(await bench.control.query('SIM:TIME?'))
    expect(t1 - t0).toBeCloseTo(8 * (10 / 50), 6)
    const s = await bench.state()
    expect(readings).toHaveLength(8)
    readings.forEach((volts, k) => {
      expect(volts).toBeCloseTo(s.sockets[k]?.vout_v as number, 6)
    })
    // Socket n carries n × 20 mA, so its output sits n × 1 mV lower (0.05 Ω): the order shows.
    expect([...readings].sort((a, b) => b - a)).toEqual(readings)
  })

  it('refuses a channel with no socket (−222) and conflicting settings (−221)', async () => {
    await bench.mux.write('ROUT:SCAN (@101:109)')
    await bench.mux.write('MEAS:VOLT:DC? (@117)')
    await bench.mux.write('ROUT:CLOS (@101,102)')
    await bench.mux.write('CONF:VOLT:DC 10,1E-9,(@101)')
    expect(await errors(bench.mux)).toEqual([-222, -222, -221, -221])
    expect(await bench.mux.query('ROUT:SCAN?')).toBe('(@101,102,103,104,105,106,107,108)')
  })

  it('PyVISA reads a scan, unmodified', async () => {
    const script = resolve(import.meta.dirname, 'clients/pyvisa_mux_scan.py')
    const { stdout } = await run('/usr/bin/python3', [script, String(serve().ports.mux)], { timeout: 60_000 })
    const out = JSON.parse(stdout) as Record<string, unknown>
    expect(out.idn).toBe('Keysight Technologies,DAQ970A-SIM,0,1.0.0')
    expect(out.scan_list).toBe('(@101,102,103,104,105,106,107,108)')
    const s = await bench.state()
    for (const key of ['read', 'fetch']) {
      const readings = out[key] as number[]
      expect(readings).toHaveLength(8)
      readings.forEach((volts, k) => {
        expect(volts).toBeCloseTo(s.sockets[k]?.vout_v as number, 6)
      })
    }
    expect(out.currents as number[]).toHaveLength(8)
    expect(out.bad_list_error).toMatch(/^-222,/)
  })

  it('a CC limit on the shared supply collapses every socket', async () => {
    await bench.supply.write('CURR 0.5')
    const s = await bench.state()
    expect(s.supply_mode).toBe('CC')
    for (const socket of s.sockets) expect(socket).toMatchObject({ vin_v: 0, vout_v: 0, dut_state: 'off' })
    await bench.supply.write('CURR 5')
    expect((await bench.state()).sockets.every((socket) => socket.dut_state === 'on')).toBe(true)
  })
})

describe('a lot of 200 on a board of 8', () => {
  let dir: string
  const lotConfig = (seed: number) => {
    const file = join(dir, `lot-${seed}.yaml`)
    writeFileSync(
      file,
      [
        'dut:',
        '  lot:',
        '    name: E2E',
        '    size: 200',
        `    seed: ${seed}`,
        '    spread: { tempco_ppm_per_c: 10, nominal_output_voltage: 0.005 }',
      ].join('\n'),
    )
    return file
  }
  /** Every part's serial and tempco truth, board by board through SIM:LOT:LOAD. */
  const readLot = async (seed: number) => {
    const serve = await startServe({ speed: 'max', args: ['--sockets', '8', '--config', lotConfig(seed)] })
    const control = createTcpTransport({ host: '127.0.0.1', port: serve.ports.control, name: 'control' })
    try {
      expect(await control.query('SIM:LOT:SIZE?')).toBe('+200')
      const parts: { serial: string; tempco: number }[] = []
      for (let first = 1; first <= 200; first += 8) {
        await control.write(`SIM:LOT:LOAD ${first}`)
        for (let n = 1; n <= 8; n++) {
          const serial = JSON.parse(await control.query(`SIM:DUT:SER? ${n}`)) as string
          parts.push({ serial, tempco: Number(await control.query(`SIM:DUT:PAR? TEMPCO_PPM_PER_C,${n}`)) })
        }
      }
      return parts
    } finally {
      await control.close()
      await serve.stop()
    }
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dvt-e2e-lot-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('samples tempco with mean 50 ± 1.5 and σ 10 ± 1.5; the same seed gives the same lot, another a different one', async () => {
    const parts = await readLot(7)
    expect(parts.map((p) => p.serial)).toEqual(
      Array.from({ length: 200 }, (_, k) => `E2E-${String(k + 1).padStart(3, '0')}`),
    )
    const values = parts.map((p) => p.tempco)
    const mean = values.reduce((a, b) => a + b, 0) / values.length
    const sigma = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1))
    expect(Math.abs(mean - 50)).toBeLessThan(1.5)
    expect(Math.abs(sigma - 10)).toBeLessThan(1.5)
    expect(await readLot(7)).toEqual(parts)
    const other = (await readLot(8)).map((p) => p.tempco)
    expect(other.filter((value, k) => value === values[k])).toHaveLength(0)
  })

  it('SIM:LOT:LOAD swaps the board: serials, truths and the DAQ readings follow the parts', async () => {
    const serve = await startServe({ speed: 'max', args: ['--sockets', '8', '--config', lotConfig(7)] })
    const bench = connect(serve)
    try {
      await bench.supply.write('APPL P6V,5,1;:OUTP ON')
      const board = async () => {
        await bench.wait(60)
        const volts = numbers(await bench.mux.query('MEAS:VOLT:DC? 10,(@101:108)'))
        const nominal: number[] = []
        for (let n = 1; n <= 8; n++) {
          nominal.push(Number(await bench.control.query(`SIM:DUT:PAR? NOMINAL_OUTPUT_VOLTAGE,${n}`)))
        }
        return { volts, nominal, serial3: await bench.control.query('SIM:DUT:SER? 3') }
      }
      const first = await board()
      expect(first.serial3).toBe('"E2E-003"')
      await bench.control.write('SIM:LOT:LOAD 41')
      const second = await board()
      expect(second.serial3).toBe('"E2E-043"')
      expect(second.nominal).not.toEqual(first.nominal)
      // Unloaded, each output is its part's nominal V_out scaled by tempco and line regulation alike.
      for (const b of [first, second]) {
        const ratios = b.volts.map((v, k) => v / (b.nominal[k] as number))
        for (const r of ratios) expect(r).toBeCloseTo(ratios[0] as number, 4)
      }
      expect((await bench.state()).sockets[2]?.serial).toBe('E2E-043')
    } finally {
      await bench.close()
      await serve.stop()
    }
  })
})
