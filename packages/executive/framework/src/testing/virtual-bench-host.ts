import { type DvtConfig, loadConfig } from '@dvt/config'
import { createInstrumentSet, type InstrumentSet } from '@dvt/drivers'
import { createVirtualBench } from '@dvt/instruments'
import { createBenchModel, createSimClock } from '@dvt/physics'
import { type FaultTarget, INSTRUMENT_ROLES, type InstrumentRole } from '@dvt/protocol'
import { createScpiTcpServer, type ScpiTcpServer } from '@dvt/transports'
import { benchAddresses } from '../bench-addresses'

/**
 * The real virtual instruments on the real physics model, served over real TCP at `max` speed, for
 * tests of the DVT library. (`dvt serve` does the same in apps/sim-server; packages cannot import apps.)
 */
export interface VirtualBenchHost {
  instruments: InstrumentSet
  /** The configuration, its simulator ports those the bench bound. */
  config: DvtConfig
  close(): Promise<void>
}

export async function startVirtualBench(env: Record<string, string> = {}): Promise<VirtualBenchHost> {
  const config = loadConfig({ path: '/dev/null', env })
  const model = createBenchModel({ physics: config.physics, dut: config.dut, bench: config.bench })
  const clock = createSimClock(model, { speed: 'max' })
  const servers = {} as Record<InstrumentRole, ScpiTcpServer>
  const faultEnds = new Map<FaultTarget, number>()
  const endFaults = () => {
    for (const [target, end] of faultEnds) {
      if (model.time < end) continue
      servers[target].setRefusing(false)
      faultEnds.delete(target)
    }
  }
  const bench = createVirtualBench({
    model,
    clock,
    faults: {
      disconnect(target, seconds) {
        faultEnds.set(target, model.time + seconds)
        servers[target].dropClients()
        servers[target].setRefusing(true)
      },
      clear() {
        for (const target of faultEnds.keys()) servers[target].setRefusing(false)
        faultEnds.clear()
      },
      timeAdvanced: endFaults,
    },
  })
  for (const role of INSTRUMENT_ROLES) {
    servers[role] = await createScpiTcpServer({ name: role, port: 0, device: bench[role] })
  }
  const simulator = {
    ...config.instruments.simulator,
    control_port: servers.control.port,
    chamber_port: servers.chamber.port,
    supply_port: servers.supply.port,
    dmm_port: servers.dmm.port,
    load_port: servers.load.port,
    mux_port: servers.mux.port,
  }
  const bound = { ...config, instruments: { ...config.instruments, simulator } }
  const instruments = createInstrumentSet(benchAddresses(bound))
  return {
    instruments,
    config: bound,
    async close() {
      await instruments.close()
      await Promise.all(INSTRUMENT_ROLES.map((role) => servers[role].close()))
    },
  }
}
