import { INSTRUMENTS, type InstrumentRole } from '@dvt/protocol'
import { createScpiTcpServer, type LineDevice, type ScpiTcpServer } from '@dvt/transports'
import type { Divergence } from './divergence'
import { createReplayEngine, type ReplayEngine, type ReplayMode } from './replay-engine'
import type { Session } from './session-format'

/** Options of {@link startReplayServer}. */
export interface ReplayServerOptions {
  session: Session
  mode: ReplayMode
  /** Interface to bind [127.0.0.1]. */
  host?: string
  /** Port per instrument (`benchPorts(base)` of @dvt/protocol, or 0 for any free port); a role left out gets 0. */
  ports?: Partial<Record<string, number>>
  /** Told once when a strict replay stops at a divergence (every port is closed by then). */
  onDivergence?: (divergence: Divergence) => void
}

/** A replay listening on one TCP port per recorded instrument (plus simulation control). */
export interface ReplayServer {
  readonly host: string
  /** The bound port of each instrument, in `INSTRUMENTS` order. */
  readonly ports: Readonly<Partial<Record<InstrumentRole, number>>>
  readonly engine: ReplayEngine
  /** Resolves when the replay has stopped: at a divergence (with it) or on `close()` (with null). */
  readonly stopped: Promise<Divergence | null>
  /** Stops listening and drops every client. Idempotent. */
  close(): Promise<void>
}

/**
 * Serves a recorded session on TCP, with the same framing as `dvt serve` (`createScpiTcpServer`), from the recording
 * alone: no physics, no simulator. A port that is taken stops the start with one sentence naming it.
 */
export async function startReplayServer(options: ReplayServerOptions): Promise<ReplayServer> {
  const engine = createReplayEngine(options.session, options.mode)
  const host = options.host ?? '127.0.0.1'
  const servers = new Map<InstrumentRole, ScpiTcpServer>()
  let finish: (divergence: Divergence | null) => void = () => {}
  const stopped = new Promise<Divergence | null>((resolve) => {
    finish = resolve
  })
  let closing: Promise<void> | null = null
  const close = (): Promise<void> => {
    closing ??= Promise.all([...servers.values()].map((s) => s.close())).then(() => finish(engine.divergence))
    return closing
  }
  const device = (role: InstrumentRole): LineDevice => ({
    openSession: () => ({
      handle(line) {
        const reply = engine.handle(role, line)
        if (reply.action === 'drop') setImmediate(() => servers.get(role)?.dropClients())
        if (reply.action === 'stop' && closing === null) {
          const divergence = engine.divergence
          void close().then(() => {
            if (divergence) options.onDivergence?.(divergence)
          })
        }
        return reply.answer
      },
      inputError() {},
    }),
  })
  const roles = (Object.keys(INSTRUMENTS) as InstrumentRole[]).filter((role) => engine.roles.includes(role))
  try {
    for (const role of roles) {
      const port = options.ports?.[role] ?? 0
      servers.set(role, await createScpiTcpServer({ name: INSTRUMENTS[role].title, host, port, device: device(role) }))
    }
  } catch (error) {
    await close()
    throw error
  }
  return {
    host,
    ports: Object.fromEntries([...servers].map(([role, server]) => [role, server.port])),
    engine,
    stopped,
    close,
  }
}
