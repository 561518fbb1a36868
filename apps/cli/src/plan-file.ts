import { readFileSync } from 'node:fs'
import { CliError } from './cli-error'

/** A plan file's text; a missing or unreadable file is one sentence. */
export function readPlanFile(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    const code = (error as { code?: string }).code
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder' : String(error)
    throw new CliError('CLI_NOT_FOUND', `cannot read the plan ${file}: ${why} — the shipped plans are in plans/`, 1, {
      cause: error,
    })
  }
}
