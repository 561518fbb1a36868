import { createServer } from 'node:net'
import { hostname } from 'node:os'
import { configSchema } from '@dvt/config'
import { BENCH_PORTS, SOCKET_KEYS, TELEMETRY_KEYS } from '@dvt/protocol'
import { afterEach, describe, expect, it } from 'vitest'
import { formatInstrumentTable } from './instrument-table'
import { openLineClient } from './internal/line-client'
import { type SimServer, type SimServerOptions, startSimServer } from './sim-server'
import { SimServerError } from './sim-server-error'

const ANY_PORT = Object.fromEntries(BENCH_PORTS.map((port) => [port, 0]))
const running: SimServer[] = []

async function start(options: Partial<SimServerOptions> = {}): Promise<SimServer> {
  const config = configSchema.parse({})
  const server = await startSimServer({ config, speed: 'max', ports: ANY_PORT, ...options })
  running.push(server)
  return server
}

function portOf(server: SimServer, name: string): number {
  const port = server.instruments.find((i) => i.name === name)?.port
  if (port === undefined) throw new Error(`no ${name} port`)
  return port
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()))
})

describe('simulation server', () => {
  it('opens the six instrument ports on free ports and every one answers *IDN?', async () => {
    const server = await start()
    expect(server.instruments.map((i) => i.name)).toEqual(['control', 'chamber', 'supply', 'dmm', 'load', 'mux'])
    expect(new Set([...server.instruments.map((i) => i.port), server.telemetryPort]).size).toBe(7)
    for (const instrument of server.instruments) {
      const client = await openLineClient(instrument.port)
      expect(await client.query('*IDN?')).toBe(instrument.idn)
      client.close()
    }
    expect(server.instruments.find((i) => i.name === 'dmm')?.idn).toBe('Keysight Technologies,34461A-SIM,0,1.0.0')
    expect(server.instruments.find((i) => i.name === 'mux')?.idn).toBe('Keysight Technologies,DAQ970A-SIM,0,1.0.0')
    // The serial field of the control port is the bench's station: no station.name, the host's name.
    const control = server.instruments.find((i) => i.name === 'control')?.idn
    expect(control).toMatch(/^DVT-SIM,CONTROL,[^,]+,\d+\.\d+\.\d+$/)
    expect(control!.split(',')[2]).toBe(hostname())
  })

  it("names the configured station in the control port's *IDN?", async () => {
    const server = await start({ config: configSchema.parse({ station: { name: 'bench-7' } }) })
    expect(server.instruments.find((i) => i.name === 'control')?.idn).toMatch(/^DVT-SIM,CONTROL,bench-7,/)
  })

  it('the multimeter reads the DUT powered through the supply and loaded by the load', async () => {
    const server = await start()
    const supply = await openLineClient(portOf(server, 'supply'))
    const load = await openLineClient(portOf(server, 'load'))
    const dmm = await openLineClient(portOf(server, 'dmm'))
    supply.send('APPL P6V,5,1;:OUTP ON,(@1)')
    load.send('CURR 0.1;INP ON')
    expect(await supply.query('*OPC?')).toBe('1')
    expect(await load.query('*OPC?')).toBe('1')
    const volts = Number(await dmm.query('MEAS:VOLT:DC?'))
    expect(volts).toBeGreaterThan(3.2)
    expect(volts).toBeLessThan(3.4)
    expect(Number(await dmm.query('MEAS:CURR:DC?'))).toBeCloseTo(0.1, 3)
    for (const c of [supply, load, dmm]) c.close()
  })

  it('SIM:WAIT 30;*OPC? in max mode advances simulated time by 30 s', async () => {
    const server = await start()
    const control = await openLineClient(portOf(server, 'control'))
    const before = Number(await control.query('SIM:TIME?'))
    expect(await control.query('SIM:WAIT 30;*OPC?')).toBe('1')
    expect(Number(await control.query('SIM:TIME?')) - before).toBeCloseTo(30, 6)
    control.close()
  })

  it('at a numeric speed the one timer drives the clock until a wait completes', async () => {
    const server = await start({ speed: 500 })
    const control = await openLineClient(portOf(server, 'control'))
    expect(await control.query('SIM:WAIT 2;*OPC?')).toBe('1')
    expect(server.clock.time).toBeGreaterThanOrEqual(2)
    expect(await control.query('SIM:SPE?')).toBe('+5.00000000E+02')
    control.close()
  })

  it('streams NDJSON telemetry with every key to any client that connects', async () => {
    const server = await start()
    const client = await openLineClient(server.telemetryPort)
    const lines = [await client.line(), await client.line()]
    for (const line of lines) {
      const snapshot = JSON.parse(line)
      for (const key of TELEMETRY_KEYS) expect(snapshot).toHaveProperty(key)
      expect(snapshot.speed).toBe('max')
    }
    client.close()
  })

  it('with bench.sockets 3: telemetry and SIM:STAT? carry one entry per socket; the mux reads each socket', async () => {
    const server = await start({ config: configSchema.parse({ bench: { sockets: 3 }, physics: { noise: false } }) })
    const client = await openLineClient(server.telemetryPort)
    const snapshot = JSON.parse(await client.line())
    expect(snapshot.sockets).toHaveLength(3)
    for (const socket of snapshot.sockets) expect(Object.keys(socket)).toEqual([...SOCKET_KEYS])
    expect(snapshot.sockets.map((socket: { serial: string }) => socket.serial)).toEqual([
      'LOT-001',
      'LOT-002',
      'LOT-003',
    ])
    client.close()
    const supply = await openLineClient(portOf(server, 'supply'))
    const mux = await openLineClient(portOf(server, 'mux'))
    supply.send('APPL P6V,5,1;:OUTP ON')
    expect(await supply.query('*OPC?')).toBe('1')
    const volts = (await mux.query('MEAS:VOLT:DC? (@101:103)')).split(',').map(Number)
    expect(volts).toHaveLength(3)
    for (const v of volts) expect(v).toBeCloseTo(server.model.socket(2).dut.vout, 7)
    expect(await mux.query('SYST:ERR?')).toBe('+0,"No error"')
    const control = await openLineClient(portOf(server, 'control'))
    const state = JSON.parse(await control.query('SIM:STAT?'))
    expect(state.sockets.map((socket: { vin_v: number }) => socket.vin_v)).toEqual([5, 5, 5])
    for (const c of [supply, mux, control]) c.close()
  })

  it('a disconnect fault drops the instrument clients and refuses new ones until the simulated time passes', async () => {
    const server = await start()
    const control = await openLineClient(portOf(server, 'control'))
    const dmm = await openLineClient(portOf(server, 'dmm'))
    const chamber = await openLineClient(portOf(server, 'chamber'))
    expect(await control.query('SIM:FAUL:DISC DMM,5;:SYST:ERR?')).toBe('+0,"No error"')
    await dmm.closed
    const refused = await openLineClient(portOf(server, 'dmm'))
    refused.send('*IDN?')
    await refused.closed
    expect(await chamber.query('*IDN?')).toBe('TEMPTRONIC,ATS-545-SIM,0,1.0.0')
    expect(await control.query('SIM:WAIT 5;*OPC?')).toBe('1')
    const back = await openLineClient(portOf(server, 'dmm'))
    expect(await back.query('*IDN?')).toBe('Keysight Technologies,34461A-SIM,0,1.0.0')
    for (const c of [control, chamber, back]) c.close()
  })

  it('SIM:FAULT:CLEAR ends a disconnect at once', async () => {
    const server = await start()
    const control = await openLineClient(portOf(server, 'control'))
    control.send('SIM:FAUL:DISC LOAD,1000')
    control.send('SIM:FAUL:CLE')
    expect(await control.query('*OPC?')).toBe('1')
    const load = await openLineClient(portOf(server, 'load'))
    expect(await load.query('*IDN?')).toBe('Keysight Technologies,EL34143A-SIM,0,1.0.0')
    for (const c of [control, load]) c.close()
  })

  it('close() releases every port', async () => {
    const server = await start()
    const ports = [...server.instruments.map((i) => i.port), server.telemetryPort]
    const client = await openLineClient(portOf(server, 'dmm'))
    await server.close()
    await client.closed
    for (const port of ports) {
      const probe = createServer()
      await new Promise<void>((resolve, reject) => {
        probe.once('error', reject)
        probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => resolve())
      })
      await new Promise<void>((resolve) => probe.close(() => resolve()))
    }
  })

  it('a port in use is refused with a sentence naming the port and the config key', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen({ port: 0, host: '127.0.0.1' }, () => resolve()))
    const address = blocker.address()
    const taken = typeof address === 'object' && address ? address.port : 0
    try {
      const attempt = start({ ports: { ...ANY_PORT, dmm: taken } })
      await expect(attempt).rejects.toBeInstanceOf(SimServerError)
      await expect(attempt).rejects.toThrow(
        `port ${taken} is already in use — stop the other program or set instruments.simulator.dmm_port`,
      )
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()))
    }
  })

  it('formats the instrument table dvt serve prints', async () => {
    const server = await start()
    const table = formatInstrumentTable(server)
    for (const instrument of server.instruments) {
      expect(table).toMatch(new RegExp(`^\\s+${instrument.name}\\s+${instrument.port}\\s+${instrument.idn}$`, 'm'))
    }
    expect(table).toMatch(new RegExp(`^\\s+telemetry\\s+${server.telemetryPort}\\s`, 'm'))
    expect(table).toContain('NDJSON snapshots at 20 Hz')
    expect(table).toContain('simulation speed: max')
  })
})
