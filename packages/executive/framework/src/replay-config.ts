import type { DvtConfig } from '@dvt/config'
import type { ReplayServer } from '@dvt/sessions'

/**
 * The configuration that points a run at a replay instead of the bench: the simulator backend (the replay serves a
 * control port even for a session recorded on real hardware, docs/sessions.md) on the replay's host and ports.
 */
export function replayConfig(config: DvtConfig, replay: Pick<ReplayServer, 'host' | 'ports'>): DvtConfig {
  const simulator = { ...config.instruments.simulator, host: replay.host }
  for (const [role, port] of Object.entries(replay.ports)) simulator[`${role as keyof typeof replay.ports}_port`] = port
  return { ...config, instruments: { ...config.instruments, backend: 'simulator', simulator } }
}
