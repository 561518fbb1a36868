import type { ChildProcess } from 'node:child_process'
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectOutput, runDvt, type ServeHandle, spawnDvt, startServe } from './support/dvt-process'

// Faults in the middle of a real run: a real `dvt serve` at a finite speed (400× real time, so a default tempco
// takes a few seconds of wall time and there is time to act between its points), real `dvt run-test` processes.

const SPEED = '400'
const FIRST_POINT = /point 1 of \d+: V_out/
const NO_STACK = /\n\s+at /

interface StoredRun {
  id: string
  status: string
  statusReason: string | null
  measurementCount: number
  parquetPath: string | null
  events: { level: string; message: string }[]
}

interface LiveRun {
  child: ChildProcess
  stdout(): string
  stderr(): string
  /** Resolves once stderr (the progress lines) matches. */
  waitFor(pattern: RegExp): Promise<void>
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

function startRun(serve: ServeHandle, args: string[] = []): LiveRun {
  const child = spawnDvt(['run-test', 'tempco', ...args], { env: serve.env, cwd: serve.dir })
  const { stdout, stderr } = collectOutput(child)
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  )
  const waitFor = (pattern: RegExp) =>
    new Promise<void>((ready, fail) => {
      const check = () => {
        if (!pattern.test(stderr())) return
        child.stderr.off('data', check)
        ready()
      }
      child.stderr.on('data', check)
      exited.then(() => fail(new Error(`run ended before ${pattern}:\n${stdout()}\n${stderr()}`)))
      check()
    })
  return { child, stdout, stderr, waitFor, exited }
}

/** The run ID from the summary `run <uuid> (short …)` that run-test prints at the end. */
function runIdOf(stdout: string): string {
  const id = /^run ([0-9a-f-]{36}) /m.exec(stdout)?.[1]
  if (!id) throw new Error(`no run ID in:\n${stdout}`)
  return id
}

async function parquetRows(path: string): Promise<Record<string, unknown>[]> {
  return parquetReadObjects({ file: await asyncBufferFromFile(path) })
}

describe('faults during a run (real dvt serve at speed 400, real CLI)', () => {
  let serve: ServeHandle
  const dvt = (args: string[]) => runDvt(args, { env: serve.env, cwd: serve.dir })
  const showRun = async (id: string): Promise<StoredRun> => {
    const r = await dvt(['show-run', '--json', id])
    expect(r.code, r.stderr).toBe(0)
    return JSON.parse(r.stdout) as StoredRun
  }
  const expectBenchSafe = async () => {
    expect((await dvt(['query', 'supply', 'OUTP? (@1)'])).stdout.trim()).toBe('0')
    expect((await dvt(['query', 'load', 'INP?'])).stdout.trim()).toBe('0')
  }
  const expectDataKept = async (run: StoredRun) => {
    expect(run.measurementCount).toBeGreaterThan(0)
    expect(run.parquetPath).toMatch(new RegExp(`/station=[^/]+/test=tempco/date=[\\d-]+/run_${run.id}\\.parquet$`))
    const rows = await parquetRows(run.parquetPath!)
    expect(rows).toHaveLength(run.measurementCount)
    expect(rows.every((row) => row.run_id === run.id)).toBe(true)
  }

  /** Polls list-runs until the newest run is running with measurements in storage. */
  const waitForStoredMeasurements = async (): Promise<StoredRun> => {
    for (let i = 0; i < 50; i++) {
      const r = await dvt(['list-runs', '--limit', '1', '--json'])
      const [newest] = JSON.parse(r.stdout) as StoredRun[]
      if (newest?.status === 'running' && newest.measurementCount > 0) return newest
    }
    throw new Error('the running run never showed stored measurements')
  }

  beforeAll(async () => {
    serve = await startServe({ speed: SPEED })
  })
  afterAll(async () => {
    await serve?.stop()
  })

  // The 30 s drop (simulated) is over long before the next multimeter reading (ramp + soak + dwell ≈ 300 s): the
  // run still ends in error, because the drivers' transports report a dropped connection on the next call.
  it('a multimeter dropped mid-run (SIM:FAULT:DISC DMM,30) ends the run as error, exit 2, data kept, bench safe', async () => {
    const live = startRun(serve)
    await live.waitFor(FIRST_POINT)
    const fault = await dvt(['query', 'sim', 'SIM:FAULT:DISC DMM,30'])
    expect(fault.code, fault.stderr).toBe(0)
    const { code } = await live.exited
    await dvt(['query', 'sim', 'SIM:FAULT:CLE'])
    expect(code, live.stderr()).toBe(2)
    expect(live.stdout()).toMatch(/tempco: ERROR — .*multimeter/)
    const run = await showRun(runIdOf(live.stdout()))
    expect(run.status).toBe('error')
    expect(run.statusReason).toMatch(/multimeter at 127\.0\.0\.1:\d+/)
    expect(run.events.some((e) => e.level === 'error' && /the multimeter at/.test(e.message))).toBe(true)
    await expectDataKept(run)
    await expectBenchSafe()
  })

  it('Ctrl-C (SIGINT) mid-run: aborted, exit 130, data kept, bench safe', async () => {
    const live = startRun(serve)
    await live.waitFor(FIRST_POINT)
    live.child.kill('SIGINT')
    const { code } = await live.exited
    expect(code, live.stderr()).toBe(130)
    expect(live.stderr()).toMatch(/Ctrl-C: aborting — the bench is being made safe/)
    expect(live.stderr()).not.toMatch(NO_STACK)
    const run = await showRun(runIdOf(live.stdout()))
    expect(run.status).toBe('aborted')
    expect(run.statusReason).toMatch(/Ctrl-C/)
    await expectDataKept(run)
    await expectBenchSafe()
  })

  it('a second run-test on the same bench is refused, naming the run that holds it; the first is not disturbed', async () => {
    const first = startRun(serve)
    await first.waitFor(/step sweep/)
    const second = await dvt(['run-test', 'tempco', '--json'])
    const { code } = await first.exited
    expect(second.code).toBe(1)
    expect(second.stdout).toBe('')
    const firstId = runIdOf(first.stdout())
    expect(second.stderr.trim()).toMatch(
      new RegExp(`^dvt: the bench is busy: run ${firstId.slice(0, 8)} \\(tempco\\) .*holds it[^\\n]*$`),
    )
    expect(second.stderr).not.toMatch(NO_STACK)
    expect(code, first.stderr()).toBe(0)
    const run = await showRun(firstId)
    expect(run).toMatchObject({ status: 'passed', measurementCount: 66 })
    // The refused attempt left no run behind.
    const newest = await dvt(['list-runs', '--limit', '1', '--json'])
    expect((JSON.parse(newest.stdout) as StoredRun[]).map((r) => r.id)).toEqual([firstId])
  })

  it('kill -9 mid-run: the next CLI start marks it error ("interrupted") and keeps its measurements', async () => {
    const live = startRun(serve)
    await live.waitFor(FIRST_POINT)
    // Readings reach storage one event-loop turn after the progress line: kill once they are stored.
    const running = await waitForStoredMeasurements()
    live.child.kill('SIGKILL')
    expect((await live.exited).signal).toBe('SIGKILL')
    const list = await dvt(['list-runs', '--limit', '1', '--json'])
    expect(list.code, list.stderr).toBe(0)
    const [newest] = JSON.parse(list.stdout) as StoredRun[]
    expect(newest).toMatchObject({ id: running.id, status: 'error', statusReason: 'interrupted' })
    expect(newest!.measurementCount).toBeGreaterThanOrEqual(running.measurementCount)
    expect(list.stderr).toMatch(new RegExp(`run ${newest!.id.slice(0, 8)} \\(tempco\\) was interrupted`))
    const run = await showRun(newest!.id.slice(0, 8))
    expect(run.events.some((e) => /interrupted/.test(e.message))).toBe(true)
    await expectDataKept(run)
    // The killed process's bench lock does not block the next run.
    const next = await dvt(['run-test', 'tempco', '--set', 'points_c=[20,30]', '--json'])
    expect(next.stderr).not.toMatch(/busy/)
    expect(JSON.parse(next.stdout)).toMatchObject({ status: 'passed', measurements: 22 })
  })
})
