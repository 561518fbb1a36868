// `pnpm bench fit`: the time `dvt fit` takes over the five library tests (docs/twin.md). A real `dvt serve --speed max`
// hosts a part with non-default parameters; the five tests run once at their default parameters, load_regulation with
// the load step recorded (transient_s=60); then `dvt fit` over the five runs, N times, as a user runs it (the CLI
// process, Node start-up and reading the runs included), and the fit alone in-process on the same runs. For scale:
// the wall time of the five runs it fits.
// Last line: fit_cli_s=<median> fit_only_s=<median> runs_s=<total>
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { loadRunData } from '@dvt/analysis'
import { openStorage } from '@dvt/storage'
import { fitTwin } from '../apps/cli/src/twin/fit-twin'
import { runDvt, startServe } from '../test/e2e/src/support/dvt-process'

const REPEATS = 5
const PART = {
  DVT__DUT__PARAMETERS__TEMPCO_PPM_PER_C: '87',
  DVT__DUT__PARAMETERS__LOAD_REGULATION_OHM: '0.08',
  DVT__DUT__PARAMETERS__DROPOUT_TEMPERATURE_EXPONENT: '1.8',
  DVT__PHYSICS__THERMAL__THETA_CA: '8',
  DVT__PHYSICS__THERMAL__CASE_TIME_CONSTANT_S: '6',
}
const TESTS: string[][] = [
  ['tempco', '--set', 'limit_ppm_per_c=200'],
  ['load_regulation', '--set', 'transient_s=60'],
  ['line_regulation'],
  ['dropout'],
  ['iq_vs_temp'],
]

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dvt-bench-fit-'))
  const serve = await startServe({ dir, env: PART })
  try {
    const ids: string[] = []
    const started = performance.now()
    for (const args of TESTS) {
      const r = await runDvt(['run-test', ...args, '--json'], { env: serve.env, cwd: dir, timeoutMs: 300_000 })
      if (r.code !== 0) throw new Error(`dvt run-test ${args.join(' ')} exited ${r.code}: ${r.stderr}`)
      ids.push((JSON.parse(r.stdout) as { id: string }).id)
    }
    const runsS = (performance.now() - started) / 1000
    const cli: number[] = []
    for (let i = 0; i < REPEATS; i++) {
      const t = performance.now()
      const r = await runDvt(['fit', ...ids, '-o', join(dir, 'twin.yaml'), '--json'], { env: serve.env, cwd: dir })
      if (r.code !== 0) throw new Error(`dvt fit exited ${r.code}: ${r.stderr}`)
      cli.push((performance.now() - t) / 1000)
    }
    const storage = openStorage({
      databasePath: join(dir, 'data/dvt.db'),
      measurementsDir: join(dir, 'data/measurements'),
    })
    const runs = []
    for (const id of ids) runs.push(await loadRunData(storage, id))
    await storage.close()
    const rows = runs.reduce((n, r) => n + r.measurements.length, 0)
    const only: number[] = []
    for (let i = 0; i < REPEATS; i++) {
      const t = performance.now()
      fitTwin(runs)
      only.push((performance.now() - t) / 1000)
    }
    console.log(
      `machine: ${cpus()[0]?.model ?? '?'} × ${cpus().length}, load ${loadavg()[0]!.toFixed(1)}, Node ${process.version}`,
    )
    console.log(`five runs: ${rows} measurement rows, ${runsS.toFixed(1)} s of wall time to record (dvt run-test × 5)`)
    console.log(
      `dvt fit (CLI, ${REPEATS}×): median ${median(cli).toFixed(2)} s, runs ${cli.map((s) => s.toFixed(2)).join(' ')}`,
    )
    console.log(
      `fit alone (${REPEATS}×): median ${median(only).toFixed(2)} s, runs ${only.map((s) => s.toFixed(2)).join(' ')}`,
    )
    console.log(`fit_cli_s=${median(cli).toFixed(3)} fit_only_s=${median(only).toFixed(3)} runs_s=${runsS.toFixed(2)}`)
  } finally {
    await serve.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
