// `pnpm bench tempco`: wall time of the full default `dvt run-test tempco --json` (6 points −40…85 °C, default
// settling, noise on) against a real `dvt serve --speed max --no-dashboard` on free ports, N runs, and the
// simulated time each covers (SIM:TIME? on the control port before and after). Each run starts from a fresh
// bench (SIM:RESET: time 0, chamber at ambient), so every run is the same run. Wall time is the whole CLI
// process, Node start-up included, as a user sees it; "in-run" is started_at → completed_at of the run itself.
// Last line: tempco_wall_s=<median> tempco_sim_min=<median>
import { cpus, loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { createTcpTransport } from '@dvt/transports'
import { runDvt, startServe } from '../test/e2e/src/support/dvt-process'

const RUNS = 5
const WALL_TARGET_S = 5
const SIM_TARGET_MIN = 45

interface Sample {
  wallS: number
  inRunS: number
  simMin: number
  status: string
  tempco: number
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

async function main(): Promise<void> {
  const serve = await startServe({ speed: 'max' })
  const control = createTcpTransport({ host: '127.0.0.1', port: serve.ports.control, name: 'simulation control' })
  const simTime = async () => Number(await control.query('SIM:TIME?'))
  const samples: Sample[] = []
  try {
    for (let i = 0; i < RUNS; i++) {
      await control.write('SIM:RESET')
      const before = await simTime()
      const start = performance.now()
      const r = await runDvt(['run-test', 'tempco', '--json'], { env: serve.env, cwd: serve.dir })
      const wallS = (performance.now() - start) / 1000
      const simMin = ((await simTime()) - before) / 60
      if (r.code !== 0) throw new Error(`run ${i + 1} ended with exit ${r.code}:\n${r.stdout}\n${r.stderr}`)
      const run = JSON.parse(r.stdout) as {
        status: string
        started_at: string
        completed_at: string
        results: { parameter: string; value: number }[]
      }
      const inRunS = (Date.parse(run.completed_at) - Date.parse(run.started_at)) / 1000
      const tempco = run.results.find((x) => x.parameter === 'tempco_ppm_per_c')?.value ?? Number.NaN
      samples.push({ wallS, inRunS, simMin, status: run.status, tempco })
      console.log(
        `run ${i + 1}: wall ${wallS.toFixed(2)} s (in-run ${inRunS.toFixed(2)} s), simulated ${simMin.toFixed(1)} min, ` +
          `${run.status}, tempco ${tempco.toFixed(2)} ppm/°C`,
      )
    }
  } finally {
    await control.close()
    await serve.stop()
  }
  report(samples)
}

function report(samples: readonly Sample[]): void {
  const wall = samples.map((s) => s.wallS)
  const wallMedian = median(wall)
  const simMedian = median(samples.map((s) => s.simMin))
  const speedup = (simMedian * 60) / wallMedian
  console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, node ${process.version}`)
  console.log(
    `load average: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  )
  console.log(
    `wall median ${wallMedian.toFixed(2)} s, min ${Math.min(...wall).toFixed(2)} s (target < ${WALL_TARGET_S} s); ` +
      `in-run median ${median(samples.map((s) => s.inRunS)).toFixed(2)} s`,
  )
  console.log(
    `simulated ${simMedian.toFixed(1)} min per run (target ≥ ${SIM_TARGET_MIN} min), ${speedup.toFixed(0)}× real time`,
  )
  console.log(`tempco_wall_s=${wallMedian.toFixed(2)} tempco_sim_min=${simMedian.toFixed(1)}`)
}

await main()
