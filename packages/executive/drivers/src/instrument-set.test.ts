import { INSTRUMENTS, type InstrumentRole } from '@dvt/protocol'
import { createScpiTcpServer, type ScpiTcpServer } from '@dvt/transports'
import { afterEach, describe, expect, it } from 'vitest'
import { InstrumentError } from './instrument-error'
import { type BenchAddresses, createInstrumentSet, type InstrumentSet, type TransportTarget } from './instrument-set'

const servers: ScpiTcpServer[] = []
let set: InstrumentSet | undefined

afterEach(async () => {
  await set?.close()
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

/** An instrument that answers `*IDN?` and an empty error queue. */
async function identityServer(idn: string): Promise<ScpiTcpServer> {
  const server = await createScpiTcpServer({
    name: idn,
    port: 0,
    device: {
      openSession: () => ({
        handle: (line) =>
          line
            .split(';')
            .map((unit) => (unit === '*IDN?' ? idn : '+0,"No error"'))
            .join(';'),
        inputError: () => {},
      }),
    },
  })
  servers.push(server)
  return server
}

/**
 * A loopback port that refuses connections: port 1 (tcpmux). Nothing listens there on these machines and no test
 * binds it. A port bound once and released would not do: a server of a test running in parallel can be given it.
 */
const REFUSED_PORT = 1

/** Addresses on 127.0.0.1, as `benchAddresses` in @dvt/framework makes them from a config. */
function bench(backend: 'simulator' | 'visa', ports: Partial<Record<InstrumentRole, number | string>>): BenchAddresses {
  const targets: Partial<Record<InstrumentRole, TransportTarget>> = {}
  for (const [role, at] of Object.entries(ports) as [InstrumentRole, number | string][]) {
    const [host, port] = typeof at === 'number' ? ['127.0.0.1', at] : [at.split('::')[1]!, Number(at.split('::')[2])]
    targets[role] = { role, name: INSTRUMENTS[role].label, host, port, timeoutMs: 1000 }
  }
  const key =
    backend === 'simulator' ? `simulator@127.0.0.1:${ports.control}` : `visa@${Object.values(ports).join(',')}`
  return {
    backend,
    key,
    targets,
    require(role) {
      const found = targets[role]
      if (!found) throw new Error(`no address for the ${role}`)
      return found
    },
  }
}

describe('createInstrumentSet', () => {
  it('probes every simulator port a test always uses over TCP and returns the identities', async () => {
    const [control, chamber, supply, dmm, load] = await Promise.all(
      ['DVT-SIM', 'TEMPTRONIC', 'E36312A', '34461A', 'EL34143A'].map(identityServer),
    )
    // The switch/measure unit is not probed: a test on socket 1 never talks to it.
    set = createInstrumentSet(
      bench('simulator', {
        control: control!.port,
        chamber: chamber!.port,
        supply: supply!.port,
        dmm: dmm!.port,
        load: load!.port,
        mux: REFUSED_PORT,
      }),
    )
    expect(set.backend).toBe('simulator')
    expect(set.benchKey).toBe(`simulator@127.0.0.1:${control!.port}`)
    expect(set.control).toBeDefined()
    expect(set.mux?.resource).toMatch(new RegExp(`::${REFUSED_PORT}::`))
    expect(await set.probe()).toEqual({
      'simulation control': 'DVT-SIM',
      chamber: 'TEMPTRONIC',
      'power supply': 'E36312A',
      multimeter: '34461A',
      'electronic load': 'EL34143A',
    })
  })

  it('reaches the switch/measure unit when a test uses it, and names it when it cannot', async () => {
    const mux = await identityServer('Keysight Technologies,DAQ970A-SIM,0,1.0.0')
    const ports = { control: REFUSED_PORT, chamber: REFUSED_PORT, supply: REFUSED_PORT, dmm: REFUSED_PORT }
    set = createInstrumentSet(bench('simulator', { ...ports, load: REFUSED_PORT, mux: mux.port }))
    expect(await set.mux!.identify()).toMatch(/DAQ970A-SIM/)
    await set.close()
    set = createInstrumentSet(bench('simulator', { ...ports, load: REFUSED_PORT, mux: REFUSED_PORT }))
    await expect(set.mux!.identify()).rejects.toThrow(
      `cannot reach the switch/measure unit at 127.0.0.1:${REFUSED_PORT}`,
    )
  })

  it('names the unreachable instrument in one sentence', async () => {
    const [control, chamber, supply, load] = await Promise.all(['S', 'C', 'P', 'L'].map(identityServer))
    const dmmPort = REFUSED_PORT
    set = createInstrumentSet(
      bench('simulator', {
        control: control!.port,
        chamber: chamber!.port,
        supply: supply!.port,
        dmm: dmmPort,
        load: load!.port,
        mux: REFUSED_PORT,
      }),
    )
    const error = await set.probe().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InstrumentError)
    expect(error).toMatchObject({ code: 'DRIVER_UNREACHABLE', instrument: 'multimeter' })
    expect((error as Error).message).toBe(
      `cannot reach the multimeter at 127.0.0.1:${dmmPort} — is "dvt serve" running?`,
    )
  })

  /** A real bench's four instruments by resource string. */
  const visa = {
    chamber: 'TCPIP::10.0.0.2::5025::SOCKET',
    supply: 'TCPIP0::10.0.0.3::5025::SOCKET',
    dmm: 'TCPIP::10.0.0.4::5025::SOCKET',
    load: 'TCPIP::10.0.0.5::5025::SOCKET',
  }

  it('builds a visa bench from resource strings, without simulation control', () => {
    set = createInstrumentSet(bench('visa', visa))
    expect(set.backend).toBe('visa')
    expect(set.benchKey).toBe(
      'visa@TCPIP::10.0.0.2::5025::SOCKET,TCPIP0::10.0.0.3::5025::SOCKET,TCPIP::10.0.0.4::5025::SOCKET,TCPIP::10.0.0.5::5025::SOCKET',
    )
    expect(set.control).toBeUndefined()
    expect(set.mux).toBeUndefined()
    expect(set.dmm.resource).toMatch(/10\.0\.0\.4.*5025/)
  })

  it('has a switch/measure unit on real hardware when its resource is given', () => {
    set = createInstrumentSet(bench('visa', { ...visa, mux: 'TCPIP::10.0.0.6::5025::SOCKET' }))
    expect(set.mux?.resource).toMatch(/10\.0\.0\.6.*5025/)
  })
})
