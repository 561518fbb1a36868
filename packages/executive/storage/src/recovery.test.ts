import { type ChildProcess, spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parquetReadObjects } from 'hyparquet'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTempStorage, newRun, sampleRows, type TempStorage } from './testing/temp-storage'

const repoRoot = resolve(import.meta.dirname, '../../../..')
const childScript = join(import.meta.dirname, 'testing', 'crash-child.ts')

let t: TempStorage
const children: ChildProcess[] = []
beforeEach(() => {
  t = createTempStorage()
})
afterEach(async () => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  await t.cleanup()
})

/** Starts the child and resolves once it has printed "appended <rows>" (durable by then). */
function startChild(runId: string, bench: string, batches: number, perBatch: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      childScript,
      t.databasePath,
      t.measurementsDir,
      runId,
      bench,
      String(batches),
      String(perBatch),
    ],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  children.push(child)
  const want = `appended ${batches * perBatch}`
  return new Promise((done, fail) => {
    let out = ''
    let err = ''
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      if (out.includes(want)) done(child)
    })
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString()
    })
    child.on('exit', (code) => fail(new Error(`child exited (${code}) before "${want}": ${err}`)))
  })
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    child.once('exit', () => done())
    child.kill('SIGKILL')
  })
}

describe('crash recovery', () => {
  it('marks a SIGKILLed run as interrupted, keeps its measurements and frees its bench', async () => {
    const runId = randomUUID()
    const child = await startChild(runId, 'bench-a', 6, 500)

    // While the child lives, its run and its bench are left alone.
    expect(await t.storage.recoverInterruptedRuns()).toEqual([])
    expect(await t.storage.getRun(runId)).toMatchObject({ status: 'running', pid: child.pid, measurementCount: 3000 })
    const other = (await t.storage.createRun(newRun())).id
    expect(await t.storage.acquireBench('bench-a', other)).toMatchObject({ bench: 'bench-a', runId, pid: child.pid })

    await killed(child)
    const recovered = await t.storage.recoverInterruptedRuns()
    expect(recovered.map((r) => [r.id, r.status, r.statusReason, r.measurementCount])).toEqual([
      [runId, 'error', 'interrupted', 3000],
    ])
    expect((await t.storage.getEvents(runId)).at(-1)).toMatchObject({ level: 'error' })
    expect((await t.storage.getEvents(runId)).at(-1)!.message).toContain(`pid ${child.pid}`)

    const file = readFileSync(recovered[0]!.parquetPath!)
    const rows = await parquetReadObjects({ file: file.buffer.slice(file.byteOffset, file.byteOffset + file.length) })
    expect(rows).toHaveLength(3000)
    expect(rows.map((r) => r.value)).toEqual(sampleRows(3000).map((r) => r.value))

    expect(await t.storage.recoverInterruptedRuns()).toEqual([])
    expect(await t.storage.acquireBench('bench-a', other)).toBeNull()
  })
})

describe('bench locks', () => {
  it('refuses a bench held by a live process and lets the holder re-take and release it', async () => {
    const first = (await t.storage.createRun(newRun())).id
    const second = (await t.storage.createRun(newRun())).id
    expect(await t.storage.acquireBench('bench-1', first)).toBeNull()
    expect(await t.storage.acquireBench('bench-1', first)).toBeNull()
    const holder = await t.storage.acquireBench('bench-1', second)
    expect(holder).toMatchObject({ bench: 'bench-1', runId: first, pid: process.pid })
    expect(Date.parse(holder!.since)).not.toBeNaN()
    expect(await t.reopen().acquireBench('bench-1', second)).toMatchObject({ runId: first })
    expect(await t.storage.acquireBench('bench-2', second)).toBeNull()

    await t.storage.releaseBench('bench-1', second) // not the holder: no effect
    expect(await t.storage.acquireBench('bench-1', second)).toMatchObject({ runId: first })
    await t.storage.releaseBench('bench-1', first)
    expect(await t.storage.acquireBench('bench-1', second)).toBeNull()
  })

  it('takes over a bench whose holder process is dead', async () => {
    const runId = randomUUID()
    const child = await startChild(runId, 'bench-b', 1, 10)
    const mine = (await t.storage.createRun(newRun())).id
    expect(await t.storage.acquireBench('bench-b', mine)).toMatchObject({ pid: child.pid })
    await killed(child)
    expect(await t.storage.acquireBench('bench-b', mine)).toBeNull()
    expect(await t.reopen().acquireBench('bench-b', runId)).toMatchObject({ runId: mine, pid: process.pid })
  })
})
