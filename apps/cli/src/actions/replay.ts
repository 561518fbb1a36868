import { simulatorPorts } from '@dvt/config'
import { INSTRUMENT_ROLES } from '@dvt/protocol'
import { formatDivergence, type ReplayServer, readSessionFile, type Session, startReplayServer } from '@dvt/sessions'
import { TransportError } from '@dvt/transports'
import { CliError, EXIT } from '../cli-error'
import { loadCliConfig } from '../load-cli-config'
import { replayMode, resolveStoredRun } from '../recorded-session'
import { onShutdown } from '../shutdown'

interface ReplayFlags {
  strict?: boolean
  lenient?: boolean
  portBase?: string
  host?: string
  config?: string
}

export async function replay(idOrPrefix: string, flags: ReplayFlags): Promise<number> {
  const config = loadCliConfig(flags)
  const mode = replayMode(flags)
  const runId = await resolveStoredRun(config, idOrPrefix)
  const session = await readSessionFile(config.data.measurements_dir, runId)
  const server = await startReplayServer({
    session,
    mode,
    host: flags.host ?? config.instruments.simulator.host,
    ports: simulatorPorts(config.instruments.simulator),
  }).catch((error: unknown) => {
    if (!(error instanceof TransportError && error.code === 'TRANSPORT_PORT_IN_USE')) throw error
    throw new CliError('CLI_USAGE', `${error.message} with --port-base`, EXIT.usage, { cause: error })
  })
  const shutdown = onShutdown(() => server.close())
  console.log(formatBanner(session, server))
  const divergence = await Promise.race([server.stopped, shutdown.then(() => null)])
  await server.close()
  const { served, total, approximated } = server.engine.progress()
  if (divergence) {
    console.error(`dvt: ${formatDivergence(divergence)}`)
    return EXIT.failed
  }
  const note = mode === 'lenient' ? `, ${approximated} answered from the nearest exchange` : ''
  console.log(`replay stopped: ${served} of ${total} recorded exchanges served${note}`)
  return EXIT.ok
}

function formatBanner(session: Session, server: ReplayServer): string {
  const { header, end } = session
  const rows = INSTRUMENT_ROLES.flatMap((role) => {
    const port = server.ports[role]
    if (port === undefined) return []
    const recorded = header.instruments.find((i) => i.role === role)
    const what = recorded
      ? `${recorded.resource}  ${recorded.identity ?? ''}`
      : '(not recorded: the replay keeps the test clock)'
    return [`  ${role.padEnd(10)}  ${String(port).padEnd(5)}  ${what}`]
  })
  return [
    `DVT Bench replay of run ${header.run_id} (${header.test}, ${end.status}, recorded ${header.started_at} on the ${header.backend}) — ${server.engine.mode} mode, no simulator`,
    '',
    `  ${'instrument'.padEnd(10)}  port   recorded resource and *IDN?`,
    ...rows,
    `  ${session.exchanges.length} exchanges recorded`,
    '',
    'Press Ctrl-C to stop.',
  ].join('\n')
}
