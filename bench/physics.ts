// `pnpm bench physics`: engine steps per second, side by side with the seed's Python engine.
// Last line: physics_steps_per_s=<n> seed_steps_per_s=<n> ratio=<x>
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { BenchModel } from '../packages/physics/src/index'
import { createBenchModel, DEFAULT_DUT_PARAMS, DEFAULT_PHYSICS_PARAMS } from '../packages/physics/src/index'

const STEPS = Number(process.env.PHYSICS_BENCH_STEPS ?? 2_000_000)
const RUNS = Number(process.env.PHYSICS_BENCH_RUNS ?? 5)
/** The seed's run is repeated too (best kept): the machine is shared, so one run can land in a busy moment. */
const SEED_RUNS = Number(process.env.PHYSICS_BENCH_SEED_RUNS ?? 2)
const root = resolve(import.meta.dirname, '..')
const seedScript = resolve(root, '../shared/baseline/bench_physics.py')

/** The same operating point as the seed's benchmark: V_in 5 V, load 0.1 A, chamber setpoint 85 °C. */
function makeModel(): BenchModel {
  const model = createBenchModel({ physics: DEFAULT_PHYSICS_PARAMS, dut: DEFAULT_DUT_PARAMS })
  const ch1 = model.supply.channel(1)
  ch1.voltageSetpoint = 5
  ch1.currentLimit = 1
  ch1.output = true
  model.load.mode = 'CC'
  model.load.currentSetpoint = 0.1
  model.load.input = true
  model.chamber.setpoint = 85
  return model
}

function measureSteps(): { best: number; runs: number[]; model: BenchModel } {
  const runs: number[] = []
  let model = makeModel()
  for (let run = 0; run < RUNS; run++) {
    model = makeModel()
    const t0 = performance.now()
    model.advance(STEPS * model.dt)
    const elapsed = (performance.now() - t0) / 1000
    if (model.steps !== STEPS) throw new Error(`expected ${STEPS} steps, ran ${model.steps}`)
    runs.push(STEPS / elapsed)
  }
  return { best: Math.max(...runs), runs, model }
}

function runSeedOnce(): number | null {
  const r = spawnSync('python3', [seedScript], { encoding: 'utf8' })
  if (r.status !== 0) {
    console.log(`seed baseline failed (exit ${r.status}): ${r.stderr.trim()}`)
    return null
  }
  process.stdout.write(`${r.stdout.trimEnd().replace(/^/gm, '  seed| ')}\n`)
  const match = /physics_steps_per_s=(\d+)/.exec(r.stdout)
  return match ? Number(match[1]) : null
}

function measureSeed(): number | null {
  if (!existsSync(seedScript)) {
    console.log(`seed baseline not found at ${seedScript}`)
    return null
  }
  let best: number | null = null
  for (let i = 0; i < SEED_RUNS; i++) {
    const r = runSeedOnce()
    if (r !== null) best = Math.max(best ?? 0, r)
  }
  return best
}

const { best, runs, model } = measureSteps()
const s = model.snapshot()
console.log(`node=${process.version} steps_per_run=${STEPS} runs=${RUNS}`)
console.log(`runs_steps_per_s=${runs.map((r) => Math.round(r)).join(',')}`)
console.log(
  `final t=${s.t_s.toFixed(2)}s chamber=${s.chamber_c} case=${s.case_c} junction=${s.junction_c} vout=${s.vout_v}`,
)
const seed = measureSeed()
const ratio = seed ? (best / seed).toFixed(1) : 'n/a'
console.log(`physics_steps_per_s=${Math.round(best)} seed_steps_per_s=${seed ?? 'n/a'} ratio=${ratio}`)
