import { stationName } from '@dvt/config'
import { DVT_VERSION as version } from '@dvt/config/version'
import { type RunningDashboard, startDashboard } from '@dvt/dashboard'
import { formatInstrumentTable, type SimServer, startSimServer, withBoundPorts } from '@dvt/sim-server'
import { EXIT } from '../cli-error'
import { loadCliConfig } from '../load-cli-config'
import { createLogger } from '../logger'
import { onShutdown } from '../shutdown'

interface ServeFlags {
  host?: string
  speed?: string
  sockets?: string
  config?: string
  dut?: string
  portBase?: string
  station?: string
  dashboard: boolean
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1'])

export async function serve(flags: ServeFlags): Promise<number | undefined> {
  const config = loadCliConfig(flags, flags.host ? { dashboard: { host: flags.host } } : {})
  const host = config.instruments.simulator.host
  if (!LOOPBACK.has(host)) {
    console.warn(`warning: listening on ${host}: anyone who can reach this machine can drive the bench.`)
  }
  const log = createLogger(config.logging, 'serve')
  const sim = await startSimServer({ config, version })
  const ports = sim.instruments.map((i) => `${i.name} ${i.port}`).join(', ')
  log.log('info', `bench on ${sim.host} at speed ${sim.clock.speed}: ${ports}, telemetry ${sim.telemetryPort}`)
  if (flags.dut) log.log('info', `hosting the DUT of ${flags.dut}`)
  let dashboard: RunningDashboard | null = null
  try {
    if (flags.dashboard && config.dashboard.enabled)
      dashboard = await startDashboard({ config: withBoundPorts(config, sim) })
  } catch (error) {
    await sim.close()
    throw error
  }
  // Handlers go in before the banner: whoever reads "Press Ctrl-C" may signal at once.
  if (dashboard) log.log('info', `dashboard at ${dashboard.url}`)
  const stopped = onShutdown(async () => {
    log.log('info', 'stopping')
    await dashboard?.close()
    await sim.close()
    log.log('info', 'stopped')
  })
  console.log(formatBanner(sim, dashboard, stationName(config), flags.dut))
  await stopped
  return EXIT.ok
}

function formatBanner(
  sim: SimServer,
  dashboard: RunningDashboard | null,
  station: string,
  dut: string | undefined,
): string {
  const speed = sim.clock.speed === 'max' ? 'max (lockstep)' : `${sim.clock.speed}× real time`
  const board = sim.model.sockets.length
  const sockets = board === 1 ? '' : `, ${board} sockets (lot ${sim.model.lot.name})`
  const lines = [
    `DVT Bench ${version} — virtual bench on ${sim.host}, speed ${speed}${sockets}`,
    `Station: ${station}`,
    ...(dut ? [`DUT: ${dut}`] : []),
    '',
    formatInstrumentTable(sim),
    '',
    dashboard ? `Dashboard: ${dashboard.url}` : 'Dashboard: off (--no-dashboard)',
    'Press Ctrl-C to stop.',
  ]
  return lines.join('\n')
}
