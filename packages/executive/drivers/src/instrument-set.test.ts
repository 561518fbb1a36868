import type { DvtConfig } from '@dvt/config'
import { createScpiTcpServer, type ScpiTcpServer } from '@dvt/transports'
import { afterEach, describe, expect, it } from 'vitest'
import { InstrumentError } from './instrument-error'
import { createInstrumentSet, type InstrumentSet } from './instrument-set'

type InstrumentsConfig = DvtConfig['instruments']

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

function simulatorConfig(ports: Record<'control' | 'chamber' | 'supply' | 'dmm' | 'load', number>): InstrumentsConfig {
  return {
    backend: 'simulator',
    timeout_ms: 1000,
    simulator: {
      host: '127.0.0.1',
      control_port: ports.control,
      chamber_port: ports.chamber,
      supply_port: ports.supply,
      dmm_port: ports.dmm,
      load_port: ports.load,
      telemetry_port: 0,
    },
    visa: { chamber: null, supply: null, dmm: null, load: null },
  }
}

describe('createInstrumentSet', () => {
  it('probes every simulator port over TCP and returns the identities', async () => {
    const [control, chamber, supply, dmm, load] = await Promise.all(
      ['DVT-SIM', 'TEMPTRONIC', 'E36312A', '34461A', 'EL34143A'].map(identityServer),
    )
    set = createInstrumentSet({
      instruments: simulatorConfig({
        control: control!.port,
        chamber: chamber!.port,
        supply: supply!.port,
        dmm: dmm!.port,
        load: load!.port,
      }),
    })
    expect(set.backend).toBe('simulator')
    expect(set.benchKey).toBe(`simulator@127.0.0.1:${control!.port}`)
    expect(set.sim).toBeDefined()
    expect(await set.probe()).toEqual({
      'simulation control': 'DVT-SIM',
      chamber: 'TEMPTRONIC',
      'power supply': 'E36312A',
      multimeter: '34461A',
      'electronic load': 'EL34143A',
    })
  })

  it('names the unreachable instrument in one sentence', async () => {
    const [control, chamber, supply, load] = await Promise.all(['S', 'C', 'P', 'L'].map(identityServer))
    const dmmPort = REFUSED_PORT
    set = createInstrumentSet({
      instruments: simulatorConfig({
        control: control!.port,
        chamber: chamber!.port,
        supply: supply!.port,
        dmm: dmmPort,
        load: load!.port,
      }),
    })
    const error = await set.probe().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InstrumentError)
    expect(error).toMatchObject({ code: 'DRIVER_UNREACHABLE', instrument: 'multimeter' })
    expect((error as Error).message).toBe(
      `cannot reach the multimeter at 127.0.0.1:${dmmPort} — is "dvt serve" running?`,
    )
  })

  it('builds a visa bench from resource strings, without simulation control', () => {
    const config = simulatorConfig({ control: 1, chamber: 1, supply: 1, dmm: 1, load: 1 })
    set = createInstrumentSet({
      instruments: {
        ...config,
        backend: 'visa',
        visa: {
          chamber: 'TCPIP::10.0.0.2::5025::SOCKET',
          supply: 'TCPIP0::10.0.0.3::5025::SOCKET',
          dmm: 'TCPIP::10.0.0.4::5025::SOCKET',
          load: 'TCPIP::10.0.0.5::5025::SOCKET',
        },
      },
    })
    expect(set.backend).toBe('visa')
    expect(set.benchKey).toBe(
      'visa@TCPIP::10.0.0.2::5025::SOCKET,TCPIP0::10.0.0.3::5025::SOCKET,TCPIP::10.0.0.4::5025::SOCKET,TCPIP::10.0.0.5::5025::SOCKET',
    )
    expect(set.sim).toBeUndefined()
    expect(set.dmm.resource).toMatch(/10\.0\.0\.4.*5025/)
  })

  it('refuses a visa bench with a missing resource string, naming the key', () => {
    const config = simulatorConfig({ control: 1, chamber: 1, supply: 1, dmm: 1, load: 1 })
    expect(() =>
      createInstrumentSet({
        instruments: { ...config, backend: 'visa', visa: { ...config.visa, chamber: 'TCPIP::10.0.0.2::5025::SOCKET' } },
      }),
    ).toThrow("instruments.visa.supply is not set — give the power supply's resource string")
  })
})
