import type { DvtConfig } from '@dvt/config'
import { portOffset } from '@dvt/protocol'
import type { ReplayMode } from '@dvt/sessions'
import { CliError } from './cli-error'
import { openCliStorage } from './open-cli-storage'

/** The full ID of a stored run, from its 8-character prefix or the whole UUID (one sentence when unknown). */
export async function resolveStoredRun(config: DvtConfig, idOrPrefix: string): Promise<string> {
  const storage = await openCliStorage(config)
  try {
    return await storage.resolveRunId(idOrPrefix)
  } finally {
    await storage.close()
  }
}

/** `--strict` (the default) or `--lenient`; both at once is a usage error. */
export function replayMode(flags: { strict?: boolean; lenient?: boolean }): ReplayMode {
  if (flags.strict && flags.lenient) throw new CliError('CLI_USAGE', 'choose one of --strict and --lenient, not both')
  return flags.lenient ? 'lenient' : 'strict'
}

/** `--port-base N`: where the replay's ports start (`benchPorts(N)`), up to 65 526 so that every offset fits; 0 is any free ports. */
export function parsePortBase(text: string): number {
  const value = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN
  if (!(value >= 0 && value <= 65_526)) {
    throw new CliError('CLI_USAGE', `--port-base takes a port from 1 to 65526 (0: any free ports), got "${text}"`)
  }
  return value
}

/**
 * The bench's port base from the configuration: `instruments.simulator.port_base` where the config has it,
 * otherwise the control port (offset 0) [5000]. 0 means any free ports.
 */
export function configuredPortBase(config: DvtConfig): number {
  const simulator = config.instruments.simulator as typeof config.instruments.simulator & { port_base?: number }
  return simulator.port_base ?? simulator.control_port - portOffset('control')
}
