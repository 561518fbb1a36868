import { readFile } from 'node:fs/promises'
import { promisify } from 'node:util'
import { gunzip } from 'node:zlib'
import type { z } from 'zod'
import { SessionError } from './session-error'
import {
  SESSION_FORMAT_VERSION,
  type Session,
  sessionEndSchema,
  sessionExchangeSchema,
  sessionHeaderSchema,
  sessionPath,
} from './session-format'

const gunzipAsync = promisify(gunzip)

/** The decompressed NDJSON text of a run's session file, checked as {@link readSessionFile} checks it. */
export async function readSessionText(measurementsDir: string, runId: string): Promise<string> {
  return (await load(measurementsDir, runId)).text
}

/**
 * Reads and checks a run's session file: gzip intact (its CRC), a header first, every line valid, the end line last
 * with the count of exchanges it announces. Anything else is one sentence naming the file and the first problem.
 */
export async function readSessionFile(measurementsDir: string, runId: string): Promise<Session> {
  return (await load(measurementsDir, runId)).session
}

async function load(measurementsDir: string, runId: string): Promise<{ text: string; session: Session }> {
  const path = sessionPath(measurementsDir, runId)
  let compressed: Buffer
  try {
    compressed = await readFile(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw corrupt(path, (error as Error).message, error)
    throw new SessionError(
      'SESSION_NOT_FOUND',
      `run ${runId.slice(0, 8)} has no session recording (${path} does not exist) — runs recorded before session recording began, and runs whose process stopped before they ended, cannot be shown or replayed`,
    )
  }
  let text: string
  try {
    text = (await gunzipAsync(compressed)).toString('utf8')
  } catch (error) {
    throw corrupt(path, 'it is not an intact gzip file', error)
  }
  return { text, session: parseSession(path, runId, text) }
}

function parseSession(path: string, runId: string, text: string): Session {
  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  if (lines.length < 2) throw corrupt(path, 'it holds no header and end line')
  const header = parseLine(path, lines, 0, sessionHeaderSchema)
  if (header.version > SESSION_FORMAT_VERSION) {
    throw new SessionError(
      'SESSION_UNSUPPORTED',
      `${path} is session format ${header.version}; this version of DVT Bench reads up to ${SESSION_FORMAT_VERSION} — upgrade dvt`,
    )
  }
  if (header.run_id !== runId) throw corrupt(path, `its header names run ${header.run_id}`)
  const end = parseLine(path, lines, lines.length - 1, sessionEndSchema)
  const exchanges = []
  for (let i = 1; i < lines.length - 1; i++) exchanges.push(parseLine(path, lines, i, sessionExchangeSchema))
  if (end.exchanges !== exchanges.length) {
    throw corrupt(path, `its end line announces ${end.exchanges} exchanges but it holds ${exchanges.length}`)
  }
  return { header, exchanges, end }
}

function parseLine<S extends z.ZodType>(path: string, lines: readonly string[], index: number, schema: S): z.infer<S> {
  let value: unknown
  try {
    value = JSON.parse(lines[index]!)
  } catch (error) {
    throw corrupt(path, `line ${index + 1} is not JSON`, error)
  }
  const parsed = schema.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue?.path.length ? ` (${issue.path.join('.')})` : ''
    throw corrupt(path, `line ${index + 1} is not a valid ${describeKind(schema)} line${where}`)
  }
  return parsed.data
}

function describeKind(schema: z.ZodType): string {
  if (schema === (sessionHeaderSchema as z.ZodType)) return 'header'
  if (schema === (sessionEndSchema as z.ZodType)) return 'end'
  return 'exchange'
}

function corrupt(path: string, problem: string, cause?: unknown): SessionError {
  return new SessionError(
    'SESSION_CORRUPT',
    `the session recording ${path} is corrupt: ${problem} — it cannot be shown or replayed`,
    cause === undefined ? undefined : { cause },
  )
}
