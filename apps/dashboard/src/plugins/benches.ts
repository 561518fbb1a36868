import { type DvtConfig, type FleetBench, fleetBenches } from '@dvt/config'
import { benchAddresses } from '@dvt/framework'
import { BENCH_PORTS } from '@dvt/protocol'
import { closeWithApp, definePlugin } from '../internal/define-plugin'
import { createFleet, type Fleet, type FleetMember } from '../internal/fleet'

declare module 'fastify' {
  interface FastifyInstance {
    /** Every bench the dashboard follows: each one's telemetry (latest snapshot, status) and SCPI access. */
    benches: Fleet
  }
}

export interface BenchesPluginOptions extends Record<string, unknown> {
  /** The effective configuration (simulator host already resolved). */
  config: DvtConfig
}

/** The configuration of a simulated bench of the fleet: the simulator backend at its host, every port given. */
function simulatorAt(config: DvtConfig, bench: FleetBench): DvtConfig {
  const simulator = { ...config.instruments.simulator, host: bench.host }
  for (const name of BENCH_PORTS) simulator[`${name}_port`] = bench.ports[name]
  return { ...config, instruments: { ...config.instruments, backend: 'simulator', simulator } }
}

/**
 * The benches of `dashboard.benches` (fleetBenches), or the local bench alone — which keeps the configured backend,
 * so that the console of a dashboard on real instruments reaches them. Connects to each one's telemetry stream
 * (reconnecting until the app closes) and opens its SCPI ports on demand.
 */
export const benchesPlugin = definePlugin<BenchesPluginOptions>(
  async (app, { config }) => {
    const benches = fleetBenches(config)
    const members: FleetMember[] =
      config.dashboard.benches === null
        ? [{ bench: benches[0]!, targets: benchAddresses(config).targets }]
        : benches.map((bench) => ({ bench, targets: benchAddresses(simulatorAt(config, bench)).targets }))
    app.decorate('benches', closeWithApp(app, createFleet(members)))
  },
  { name: 'dvt-benches' },
)
