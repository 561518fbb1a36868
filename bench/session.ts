// `pnpm bench session`: what session recording costs and how fast a replay runs, on the full default tempco
// (6 points −40…85 °C, noise on) against a real `dvt serve --speed max --no-dashboard` on free ports (built bundle,
// its own process). Two ways, each alternating runs with and without recording (`data.record_sessions`), SIM:RESET
// before every run so every run is the same run, after a warm-up:
// - in-run: the executive in this process (`openRunSession`, as the CLI does it), the wall time of `runner.run` from
//   its first exchange to the session file in place: the strictest denominator.
// - full: the whole `dvt run-test tempco --json` process as a user sees it (docs/benchmarks.md#full-tempco).
// Overhead = median of the paired differences (with − without, same round) over the median without: on a shared,
// noisy machine pairs cancel the drift between rounds. In-run also reports this process's CPU time per run (the
// executive alone: the bench runs in its own process), which other load on the machine disturbs far less. Then the recorded session is replayed strictly with the bench
// stopped, both ways (in-run: a fresh replay server per run; full: `dvt run-test tempco --replay <id>`).
// Last line: overhead_in_run_pct=<x> overhead_full_pct=<x> replay_in_run_ms=<x> replay_full_s=<x>
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { type DvtConfig, loadConfig } from '@dvt/config'
import { openRunSession, replayConfig } from '@dvt/framework'
import { readSessionFile, type Session, sessionPath, startReplayServer } from '@dvt/sessions'
import { openStorage, type StorageBackend } from '@dvt/storage'
import { createTcpTransport, type Transport } from '@dvt/transports'
import { runDvt, startServe } from '../test/e2e/src/support/dvt-process'

const IN_RUN_ROUNDS = Number(process.env.SESSION_BENCH_ROUNDS ?? 40)
const FULL_ROUNDS = Number(process.env.SESSION_BENCH_FULL_ROUNDS ?? 12)
const WARM_UP = 3
const OVERHEAD_TARGET_PCT = 5

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

interface Paired {
  with: number[]
  without: number[]
  /** CPU ms of this process (the executive; the bench is another process) per run, when measured. */
  cpuWith: number[]
  cpuWithout: number[]
}

/** `rounds` pairs after a warm-up, alternating which goes first so neither always runs on a warmer process. */
async function paired(rounds: number, control: Transport, run: (record: boolean) => Promise<number>): Promise<Paired> {
  const out: Paired = { with: [], without: [], cpuWith: [], cpuWithout: [] }
  for (let i = 0; i < WARM_UP + rounds; i++) {
    for (const record of i % 2 === 0 ? [true, false] : [false, true]) {
      await control.write('SIM:RESET')
      const cpu = process.cpuUsage()
      const ms = await run(record)
      const { user, system } = process.cpuUsage(cpu)
      if (i < WARM_UP) continue
      out[record ? 'with' : 'without'].push(ms)
      out[record ? 'cpuWith' : 'cpuWithout'].push((user + system) / 1000)
    }
  }
  return out
}

/** One tempco through a run session: wall ms of `runner.run`. */
async function inRun(config: DvtConfig, storage: StorageBackend, record: boolean): Promise<number> {
  const session = await openRunSession(config, { storage, probeEachRun: false, recordSessions: record })
  try {
    await session.probe()
    const start = performance.now()
    const state = await session.runner.run('tempco')
    const ms = performance.now() - start
    if (state.status !== 'passed') throw new Error(`tempco ended ${state.status}: ${state.statusReason}`)
    return ms
  } finally {
    await session.close()
  }
}

/** One whole `dvt run-test tempco --json` process: wall ms, and the run's ID. */
async function full(env: NodeJS.ProcessEnv, cwd: string, args: string[] = []): Promise<{ ms: number; id: string }> {
  const start = performance.now()
  const r = await runDvt(['run-test', 'tempco', '--json', ...args], { env, cwd })
  const ms = performance.now() - start
  if (r.code !== 0) throw new Error(`dvt run-test ended with exit ${r.code}:\n${r.stdout}\n${r.stderr}`)
  return { ms, id: (JSON.parse(r.stdout) as { id: string }).id }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dvt-bench-session-'))
  const serve = await startServe({ speed: 'max', dir })
  const base = loadConfig({ path: '/dev/null', env: serve.env as Record<string, string> })
  const config: DvtConfig = {
    ...base,
    data: { ...base.data, database_path: join(dir, 'dvt.db'), measurements_dir: join(dir, 'measurements') },
  }
  const cliEnv = (record: boolean) => ({
    ...serve.env,
    DVT__DATA__DATABASE_PATH: config.data.database_path,
    DVT__DATA__MEASUREMENTS_DIR: config.data.measurements_dir,
    DVT__DATA__RECORD_SESSIONS: String(record),
  })
  const storage = openStorage({
    databasePath: config.data.database_path,
    measurementsDir: config.data.measurements_dir,
  })
  const control = createTcpTransport({ host: '127.0.0.1', port: serve.ports.control, name: 'simulation control' })
  let recordedId = ''
  let inRunTimes: Paired
  let fullTimes: Paired
  try {
    inRunTimes = await paired(IN_RUN_ROUNDS, control, (record) => inRun(config, storage, record))
    fullTimes = await paired(FULL_ROUNDS, control, async (record) => {
      const { ms, id } = await full(cliEnv(record), dir)
      if (record) recordedId = id
      return ms
    })
  } finally {
    await control.close()
    await serve.stop()
  }
  const session = await readSessionFile(config.data.measurements_dir, recordedId)
  const replayInRun = await replayRuns(config, storage, session)
  await storage.close()
  const replayFull: number[] = []
  for (let i = 0; i < WARM_UP + FULL_ROUNDS; i++) {
    const { ms } = await full(cliEnv(false), dir, ['--replay', recordedId])
    if (i >= WARM_UP) replayFull.push(ms)
  }
  const bytes = statSync(sessionPath(config.data.measurements_dir, recordedId)).size
  report({ inRunTimes, fullTimes, replayInRun, replayFull, session, bytes })
  rmSync(dir, { recursive: true, force: true })
}

/** The recorded tempco replayed strictly, the bench stopped: wall ms of each run. */
async function replayRuns(config: DvtConfig, storage: StorageBackend, session: Session): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < WARM_UP + IN_RUN_ROUNDS; i++) {
    const server = await startReplayServer({ session, mode: 'strict' })
    try {
      const ms = await inRun(replayConfig(config, server), storage, false)
      const left = server.engine.unserved()
      if (left) throw new Error(`the replay diverged: ${JSON.stringify(left)}`)
      if (i >= WARM_UP) times.push(ms)
    } finally {
      await server.close()
    }
  }
  return times
}

interface Figures {
  inRunTimes: Paired
  fullTimes: Paired
  replayInRun: number[]
  replayFull: number[]
  session: Session
  bytes: number
}

function overhead(p: Paired): { pct: number; ms: number; plain: number; rec: number } {
  const ms = median(p.with.map((t, i) => t - p.without[i]!))
  const plain = median(p.without)
  return { pct: (ms / plain) * 100, ms, plain, rec: median(p.with) }
}

function report(f: Figures): void {
  const a = overhead(f.inRunTimes)
  const b = overhead(f.fullTimes)
  const ms = (x: number) => `${x.toFixed(1)} ms`
  console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, node ${process.version}`)
  console.log(
    `load average: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  )
  console.log(`session: ${f.session.exchanges.length} exchanges, ${(f.bytes / 1024).toFixed(1)} KiB gzip NDJSON`)
  console.log(
    `in-run (${f.inRunTimes.with.length} pairs): without ${ms(a.plain)}, with ${ms(a.rec)}; ` +
      `overhead ${ms(a.ms)} = ${a.pct.toFixed(1)} % (target < ${OVERHEAD_TARGET_PCT} %)`,
  )
  const cpu = median(f.inRunTimes.cpuWith.map((t, i) => t - f.inRunTimes.cpuWithout[i]!))
  console.log(
    `in-run CPU of the executive: without ${ms(median(f.inRunTimes.cpuWithout))}, with ` +
      `${ms(median(f.inRunTimes.cpuWith))}; recording ${ms(cpu)} = ${((cpu / a.plain) * 100).toFixed(1)} % of the wall time without`,
  )
  console.log(
    `full dvt run-test (${f.fullTimes.with.length} pairs): without ${ms(b.plain)}, with ${ms(b.rec)}; ` +
      `overhead ${ms(b.ms)} = ${b.pct.toFixed(1)} % (target < ${OVERHEAD_TARGET_PCT} %)`,
  )
  const replayInRun = median(f.replayInRun)
  const replayFull = median(f.replayFull)
  console.log(
    `replay, strict, no simulator: in-run ${ms(replayInRun)} (${(replayInRun / a.plain).toFixed(2)}× the simulated ` +
      `run), full dvt run-test --replay ${ms(replayFull)} (${(replayFull / b.plain).toFixed(2)}×)`,
  )
  console.log(
    `overhead_in_run_pct=${a.pct.toFixed(1)} overhead_full_pct=${b.pct.toFixed(1)} ` +
      `replay_in_run_ms=${replayInRun.toFixed(1)} replay_full_s=${(replayFull / 1000).toFixed(2)}`,
  )
}

await main()
