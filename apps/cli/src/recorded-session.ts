import type { DvtConfig } from '@dvt/config'
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
