// `pnpm bench campaign`: the shipped plan (plans/ldo-datasheet.yaml as shipped: 32 DUTs, 8 sockets, 4 temperatures,
// noise on) through `dvt run-plan --speed max --json` against a real `dvt serve --sockets 8 --speed max
// --no-dashboard` on free ports: wall time of the whole CLI process (Node start-up included, as a user sees it) and
// the bench time the campaign covers (simulated seconds, stored with the campaign and printed by --json). Then the
// same plan with `--set sockets=1` (the lot one DUT at a time, 32 boards) for the ratio of simulated times.
// Last line: campaign_wall_s=<8 sockets> campaign_sim_h=<8 sockets> sockets1_wall_s=… sockets1_sim_h=… ratio=…
import { cpus, loadavg } from 'node:os'
import { resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { runDvt, startServe } from '../test/e2e/src/support/dvt-process'

const PLAN = resolve(import.meta.dirname, '../plans/ldo-datasheet.yaml')
const WALL_TARGET_S = 20

interface Sample {
  wallS: number
  simH: number
  status: string
  yield: number | null
  points: number
}

async function campaign(sockets: number, env: NodeJS.ProcessEnv, cwd: string): Promise<Sample> {
  const start = performance.now()
  const r = await runDvt(['run-plan', PLAN, '--set', `sockets=${sockets}`, '--speed', 'max', '--json'], {
    env,
    cwd,
    timeoutMs: 900_000,
  })
  const wallS = (performance.now() - start) / 1000
  if (r.code !== 0 && r.code !== 1) throw new Error(`run-plan ended with exit ${r.code}:\n${r.stdout}\n${r.stderr}`)
  const json = JSON.parse(r.stdout.trim()) as {
    status: string
    yield: number | null
    simulated_s: number
    duts: { results: unknown[] }[]
  }
  return {
    wallS,
    simH: json.simulated_s / 3600,
    status: json.status,
    yield: json.yield,
    points: json.duts.reduce((n, d) => n + d.results.length, 0),
  }
}

async function main(): Promise<void> {
  const serve = await startServe({ speed: 'max', args: ['--sockets', '8'] })
  let eight: Sample
  let one: Sample
  try {
    eight = await campaign(8, serve.env, serve.dir)
    console.log(
      `8 sockets: wall ${eight.wallS.toFixed(1)} s, bench time ${eight.simH.toFixed(2)} h, ${eight.status}, ` +
        `yield ${eight.yield}, ${eight.points} results`,
    )
    one = await campaign(1, serve.env, serve.dir)
    console.log(
      `1 socket:  wall ${one.wallS.toFixed(1)} s, bench time ${one.simH.toFixed(2)} h, ${one.status}, ` +
        `yield ${one.yield}, ${one.points} results`,
    )
  } finally {
    await serve.stop()
  }
  const ratio = eight.simH / one.simH
  console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, node ${process.version}`)
  console.log(
    `load average: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  )
  console.log(
    `8 sockets: ${eight.wallS.toFixed(1)} s wall (target < ${WALL_TARGET_S} s) for ${eight.simH.toFixed(1)} h of ` +
      `bench time (${((eight.simH * 3600) / eight.wallS).toFixed(0)}× real time); 1 socket needs ` +
      `${(1 / ratio).toFixed(1)}× the bench time (8 sockets: ${(ratio * 100).toFixed(0)} % of it)`,
  )
  console.log(
    `campaign_wall_s=${eight.wallS.toFixed(2)} campaign_sim_h=${eight.simH.toFixed(2)} ` +
      `sockets1_wall_s=${one.wallS.toFixed(2)} sockets1_sim_h=${one.simH.toFixed(2)} ratio=${ratio.toFixed(3)}`,
  )
}

await main()
