// `pnpm bench session`: what session recording costs and how fast a replay runs. A real `dvt serve --speed max
// --no-dashboard` on free ports (built bundle, its own process); the executive in this process runs the full default
// tempco (6 points −40…85 °C, noise on) through `openRunSession`, as the CLI does, against one store. Runs alternate
// with and without recording (same bench, SIM:RESET before each, so every run is the same run), ROUNDS pairs after a
// warm-up; the figure is the run's wall time (`runner.run`, from the first exchange to the session file renamed into
// place), median of each, and the overhead is the median of the paired differences (with − without, same round) over
// the median without: on a shared, noisy machine pairs cancel most of the drift between rounds. Then the recorded session is replayed strictly (a fresh replay server per run, started
// before the clock starts) with the bench stopped, and the same test's wall time taken the same way.
// Last line: recording_overhead_pct=<x> replay_wall_ms=<x>
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { type DvtConfig, loadConfig } from '@dvt/config'
import { openRunSession, type RunState, replayConfig } from '@dvt/framework'
import { readSessionFile, type Session, sessionPath, startReplayServer } from '@dvt/sessions'
import { openStorage, type StorageBackend } from '@dvt/storage'
import { createTcpTransport } from '@dvt/transports'
import { startServe } from '../test/e2e/src/support/dvt-process'

const ROUNDS = Number(process.env.SESSION_BENCH_ROUNDS ?? 40)
const WARM_UP = 3
const OVERHEAD_TARGET_PCT = 5

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

/** One tempco through a run session: wall ms of `runner.run` and the final state. */
async function timedRun(config: DvtConfig, storage: StorageBackend, record: boolean) {
  const session = await openRunSession(config, { storage, probeEachRun: false, recordSessions: record })
  try {
    await session.probe()
    const start = performance.now()
    const state: RunState = await session.runner.run('tempco')
    const ms = performance.now() - start
    if (state.status !== 'passed') throw new Error(`tempco ended ${state.status}: ${state.statusReason}`)
    return { ms, state }
  } finally {
    await session.close()
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dvt-bench-session-'))
  const serve = await startServe({ speed: 'max' })
  const base = loadConfig({ path: '/dev/null', env: serve.env as Record<string, string> })
  const config: DvtConfig = {
    ...base,
    data: { ...base.data, database_path: join(dir, 'dvt.db'), measurements_dir: join(dir, 'measurements') },
  }
  const storage = openStorage({
    databasePath: config.data.database_path,
    measurementsDir: config.data.measurements_dir,
  })
  const control = createTcpTransport({ host: '127.0.0.1', port: serve.ports.control, name: 'simulation control' })
  const withRec: number[] = []
  const without: number[] = []
  let recordedId = ''
  try {
    for (let i = 0; i < WARM_UP + ROUNDS; i++) {
      // Alternate which goes first, so neither always runs on a warmer process.
      for (const record of i % 2 === 0 ? [true, false] : [false, true]) {
        await control.write('SIM:RESET')
        const { ms, state } = await timedRun(config, storage, record)
        if (i < WARM_UP) continue
        ;(record ? withRec : without).push(ms)
        if (record) recordedId = state.id
      }
    }
  } finally {
    await control.close()
    await serve.stop()
  }
  const session = await readSessionFile(config.data.measurements_dir, recordedId)
  const replays = await replayRuns(config, storage, session)
  await storage.close()
  report(withRec, without, replays, session, statSync(sessionPath(config.data.measurements_dir, recordedId)).size)
  rmSync(dir, { recursive: true, force: true })
}

/** The recorded tempco replayed strictly, the bench stopped: wall ms of each run. */
async function replayRuns(config: DvtConfig, storage: StorageBackend, session: Session): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < WARM_UP + ROUNDS; i++) {
    const server = await startReplayServer({ session, mode: 'strict' })
    try {
      const { ms } = await timedRun(replayConfig(config, server), storage, false)
      const left = server.engine.unserved()
      if (left) throw new Error(`the replay diverged: ${JSON.stringify(left)}`)
      if (i >= WARM_UP) times.push(ms)
    } finally {
      await server.close()
    }
  }
  return times
}

function report(withRec: number[], without: number[], replays: number[], session: Session, bytes: number): void {
  const rec = median(withRec)
  const plain = median(without)
  const overhead = (median(withRec.map((ms, i) => ms - without[i]!)) / plain) * 100
  const replay = median(replays)
  console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, node ${process.version}`)
  console.log(
    `load average: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  )
  console.log(
    `session: ${session.exchanges.length} exchanges, ${(bytes / 1024).toFixed(1)} KiB gzip NDJSON; ${ROUNDS} runs of each`,
  )
  console.log(
    `tempco without recording: median ${plain.toFixed(1)} ms (min ${Math.min(...without).toFixed(1)}); ` +
      `with recording: median ${rec.toFixed(1)} ms (min ${Math.min(...withRec).toFixed(1)})`,
  )
  console.log(
    `recording overhead: ${overhead.toFixed(1)} % (median paired difference over the median without; ` +
      `target < ${OVERHEAD_TARGET_PCT} %); min vs min ${((Math.min(...withRec) / Math.min(...without) - 1) * 100).toFixed(1)} %`,
  )
  console.log(
    `replay (strict, no simulator): median ${replay.toFixed(1)} ms (min ${Math.min(...replays).toFixed(1)}), ` +
      `${(replay / plain).toFixed(2)}× the simulated run`,
  )
  console.log(`recording_overhead_pct=${overhead.toFixed(1)} replay_wall_ms=${replay.toFixed(1)}`)
}

await main()
