import { randomBytes } from 'node:crypto'
import { rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { ReportError } from '../report-error'

/** Never leaves a half-written file: writes a temp file beside the target, then renames it over the target. */
export async function writeAtomically(outFile: string, bytes: Uint8Array): Promise<void> {
  const temp = join(dirname(outFile), `.${basename(outFile)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  try {
    await writeFile(temp, bytes, { flag: 'wx' })
    await rename(temp, outFile)
  } catch (error) {
    await rm(temp, { force: true })
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error))
    throw new ReportError('REPORT_WRITE_FAILED', `cannot write the report to "${outFile}" (${reason})`, {
      cause: error,
    })
  }
}
