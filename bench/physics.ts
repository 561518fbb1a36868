// `pnpm bench physics`: engine steps per second with 1 socket and with 8, side by side with the seed's Python
// engine (one DUT). Last two lines:
//   physics_steps_per_s=<n> seed_steps_per_s=<n> ratio=<x>                                  (1 socket)
//   sockets=8 steps_per_s=<n> socket_steps_per_s=<n> socket_steps_per_seed_step=<x>         (8 sockets)
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { BenchModel } from '@dvt/physics'
import { createBenchModel, DEFAULT_DUT_PARAMS, DEFAULT_PHYSICS_PARAMS } from '@dvt/physics'

const STEPS = Number(process.env.PHYSICS_BENCH_STEPS ?? 2_000_000)
const BOARD = 8
const RUNS = Number(process.env.PHYSICS_BENCH_RUNS ?? 6)
/** The seed's run is repeated too (best kept): the machine is shared, so one run can land in a busy moment. */
const SEED_RUNS = Number(process.env.PHYSICS_BENCH_SEED_RUNS ?? 3)
const root = resolve(import.meta.dirname, '..')
const seedScript = resolve(root, '../shared/baseline/bench_physics.py')

/**
 * The same operating point as the seed's benchmark in every socket: V_in 5 V, load 0.1 A each, chamber setpoint
 * 85 °C (8 sockets draw 0.8 A from the shared 1 A limit).
 */
function makeModel(sockets: number): BenchModel {
  const model = createBenchModel({ physics: DEFAULT_PHYSICS_PARAMS, dut: DEFAULT_DUT_PARAMS, bench: { sockets } })
  const ch1 = model.supply.channel(1)
  ch1.voltageSetpoint = 5
  ch1.currentLimit = 1
  ch1.output = true
  for (const socket of model.sockets) {
    socket.load.mode = 'CC'
    socket.load.currentSetpoint = 0.1
    socket.load.input = true
  }
  model.chamber.setpoint = 85
  return model
}

/** One timed run of `STEPS` steps on a fresh model; returns steps per second. */
function runOnce(sockets: number): { rate: number; model: BenchModel } {
  const model = makeModel(sockets)
  const t0 = performance.now()
  model.advance(STEPS * model.dt)
  const elapsed = (performance.now() - t0) / 1000
  if (model.steps !== STEPS) throw new Error(`expected ${STEPS} steps, ran ${model.steps}`)
  return { rate: STEPS / elapsed, model }
}

function runSeedOnce(): number | null {
  const r = spawnSync('python3', [seedScript], { encoding: 'utf8' })
  if (r.status !== 0) {
    console.log(`seed baseline failed (exit ${r.status}): ${r.stderr.trim()}`)
    return null
  }
  const lines = r.stdout.trimEnd().split('\n')
  console.log(`  seed| ${lines.find((l) => l.startsWith('steps=')) ?? lines.at(-1)}`)
  const match = /physics_steps_per_s=(\d+)/.exec(r.stdout)
  return match ? Number(match[1]) : null
}

if (!existsSync(seedScript)) console.log(`seed baseline not found at ${seedScript}`)
// Interleaved, best of each: on a shared machine a busy moment then penalises both sides alike.
const runs: number[] = []
const boardRuns: number[] = []
const seedRuns: number[] = []
let model = makeModel(1)
for (let i = 0; i < Math.max(RUNS, SEED_RUNS); i++) {
  if (i < RUNS) {
    const run = runOnce(1)
    runs.push(run.rate)
    model = run.model
    boardRuns.push(runOnce(BOARD).rate)
  }
  if (i < SEED_RUNS && existsSync(seedScript)) {
    const rate = runSeedOnce()
    if (rate !== null) seedRuns.push(rate)
  }
}
const best = Math.max(...runs)
const seed = seedRuns.length > 0 ? Math.max(...seedRuns) : null
const s = model.snapshot()
console.log(`node=${process.version} steps_per_run=${STEPS} runs=${RUNS} seed_runs=${SEED_RUNS}`)
console.log(`runs_steps_per_s=${runs.map((r) => Math.round(r)).join(',')}`)
console.log(`runs_${BOARD}_sockets_steps_per_s=${boardRuns.map((r) => Math.round(r)).join(',')}`)
console.log(`seed_runs_steps_per_s=${seedRuns.join(',')}`)
console.log(
  `final t=${s.t_s.toFixed(2)}s chamber=${s.chamber_c} case=${s.case_c} junction=${s.junction_c} vout=${s.vout_v}`,
)
const ratio = seed ? (best / seed).toFixed(1) : 'n/a'
console.log(`physics_steps_per_s=${Math.round(best)} seed_steps_per_s=${seed ?? 'n/a'} ratio=${ratio}`)
const boardBest = Math.max(...boardRuns)
const perSeedStep = seed ? ((boardBest * BOARD) / seed).toFixed(1) : 'n/a'
console.log(
  `sockets=${BOARD} steps_per_s=${Math.round(boardBest)} socket_steps_per_s=${Math.round(boardBest * BOARD)} ` +
    `socket_steps_per_seed_step=${perSeedStep}`,
)
