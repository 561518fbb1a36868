import { type DvtConfig, simulatorAt } from '@dvt/config'
import type { ReplayServer } from '@dvt/sessions'

/**
 * The configuration that points a run at a replay instead of the bench: the simulator backend (the replay serves a
 * control port even for a session recorded on real hardware, docs/sessions.md) on the replay's host and ports.
 */
export function replayConfig(config: DvtConfig, replay: Pick<ReplayServer, 'host' | 'ports'>): DvtConfig {
  return simulatorAt(config, replay.host, replay.ports)
}
