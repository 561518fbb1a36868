import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readSessionFile, readSessionText } from './session-file'
import { sessionPath, sessionsDir } from './session-format'
import { writeSessionFile } from './session-writer'
import { recordedSession } from './testing/recorded-session'

const RUN = '0f0e0d0c-0b0a-4090-8070-605040302010'

const sample = recordedSession([['dmm', 'READ?;:SYST:ERR?', '+3.29500000E+00;+0,"No error"']], { runId: RUN })

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dvt-session-file-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** Replaces the file's decompressed lines (keeping it a valid gzip file). */
function rewrite(edit: (lines: string[]) => string[]): void {
  const path = sessionPath(dir, RUN)
  const lines = gunzipSync(readFileSync(path)).toString('utf8').trimEnd().split('\n')
  writeFileSync(path, gzipSync(`${edit(lines).join('\n')}\n`))
}

describe('session files', () => {
  it('are gzip NDJSON at <measurements>/sessions/run_<id>.ndjson.gz: a header, the exchanges, an end line', async () => {
    const path = writeSessionFile(dir, sample)
    expect(path).toBe(join(dir, 'sessions', `run_${RUN}.ndjson.gz`))
    const lines = gunzipSync(readFileSync(path)).toString('utf8').split('\n')
    expect(lines.map((l) => (l ? JSON.parse(l).type : ''))).toEqual(['header', 'exchange', 'end', ''])
    expect(await readSessionFile(dir, RUN)).toEqual(sample)
    expect(await readSessionText(dir, RUN)).toBe(lines.join('\n'))
    // Nothing is left beside it: the temporary file was renamed.
    expect(readdirSync(sessionsDir(dir))).toEqual([`run_${RUN}.ndjson.gz`])
  })

  it('a missing file is a sentence that says which runs have none', async () => {
    await expect(readSessionFile(dir, RUN)).rejects.toMatchObject({
      code: 'SESSION_NOT_FOUND',
      message: expect.stringMatching(
        /^run 0f0e0d0c has no session recording \(.+ does not exist\) — runs recorded before/,
      ),
    })
  })

  it('a crash before the rename leaves only a partial file no reader opens', async () => {
    writeSessionFile(dir, sample)
    rmSync(sessionPath(dir, RUN))
    writeFileSync(
      join(sessionsDir(dir), `.run_${RUN}.ndjson.gz.partial-1234`),
      gzipSync('{"type":"header"').subarray(0, 10),
    )
    await expect(readSessionFile(dir, RUN)).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' })
  })

  const corruptions: Array<[string, () => void, RegExp]> = [
    [
      'truncated gzip',
      () => writeFileSync(sessionPath(dir, RUN), readFileSync(sessionPath(dir, RUN)).subarray(0, 40)),
      /not an intact gzip file/,
    ],
    ['not gzip at all', () => writeFileSync(sessionPath(dir, RUN), 'hello'), /not an intact gzip file/],
    ['no end line (cut after an exchange)', () => rewrite((l) => l.slice(0, 2)), /line 2 is not a valid end line/],
    ['a line that is not JSON', () => rewrite((l) => [l[0]!, '{"type":"exch', l[2]!]), /line 2 is not JSON/],
    [
      'an exchange without its role',
      () => rewrite((l) => [l[0]!, l[1]!.replace('"role":"dmm",', ''), l[2]!]),
      /line 2 is not a valid exchange line \(role\)/,
    ],
    [
      'an end line that counts differently',
      () => rewrite((l) => [l[0]!, l[2]!.replace('"exchanges":1', '"exchanges":2')]),
      /announces 2 exchanges but it holds 0/,
    ],
    [
      'another run’s header',
      () => rewrite((l) => [l[0]!.replace(RUN, 'another'), ...l.slice(1)]),
      /its header names run another/,
    ],
  ]

  it.each(corruptions)('%s is corrupt, in one sentence naming the file', async (_, damage, problem) => {
    writeSessionFile(dir, sample)
    damage()
    const error = await readSessionFile(dir, RUN).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'SESSION_CORRUPT' })
    expect((error as Error).message).toMatch(problem)
    expect((error as Error).message).toMatch(
      /^the session recording .+run_0f0e0d0c.+\.ndjson\.gz is corrupt: .+ — it cannot be shown or replayed$/,
    )
  })

  it('a newer format is refused with what to do', async () => {
    writeSessionFile(dir, sample)
    rewrite((l) => [l[0]!.replace('"version":1', '"version":9'), ...l.slice(1)])
    await expect(readSessionFile(dir, RUN)).rejects.toMatchObject({
      code: 'SESSION_UNSUPPORTED',
      message: expect.stringMatching(/upgrade dvt$/),
    })
  })

  it('a folder that cannot be written is one sentence', async () => {
    writeFileSync(join(dir, 'sessions'), 'a file where the folder should be')
    expect(() => writeSessionFile(dir, sample)).toThrow(
      expect.objectContaining({
        code: 'SESSION_WRITE_FAILED',
        message: expect.stringMatching(/^cannot write the session recording .+ — check data\.measurements_dir$/),
      }),
    )
  })
})
