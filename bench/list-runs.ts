// `pnpm bench list-runs`: listing runs with 100 000 runs stored (default page of the 20 newest with the total,
// a status + test filter, a text search), median of several calls.
// Also the whole `dvt list-runs` command (process start included) and `GET /api/runs` of the dashboard.
// Last line: list_runs_ms=<n> filtered_ms=<n> cli_ms=<n> api_ms=<n>
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { loadConfig } from '@dvt/config'
import { buildApp } from '@dvt/dashboard'
import type { RunQuery } from '@dvt/storage'
import { openStorage } from '@dvt/storage'
import { seedFinishedRuns } from '@dvt/storage/testing'

const DVT = join(import.meta.dirname, '../apps/cli/bin/dvt.mjs')

/** Wall time of the whole `dvt list-runs` command, median of 7 (the bundle is built by npm run setup). */
function timeCli(databasePath: string, measurementsDir: string): number {
  const env = { ...process.env, DVT__DATA__DATABASE_PATH: databasePath, DVT__DATA__MEASUREMENTS_DIR: measurementsDir }
  const samples: number[] = []
  for (let k = 0; k < 7; k++) {
    const start = performance.now()
    const r = spawnSync(process.execPath, [DVT, 'list-runs'], { env, cwd: tmpdir(), encoding: 'utf8' })
    samples.push(performance.now() - start)
    if (r.status !== 0) throw new Error(`dvt list-runs failed: ${r.stderr}`)
  }
  return median(samples)
}

/** `GET /api/runs` (20 newest + total) through the dashboard's Fastify app, median of 15. */
async function timeApi(databasePath: string, measurementsDir: string): Promise<number> {
  const config = loadConfig({
    env: {},
    overrides: { data: { database_path: databasePath, measurements_dir: measurementsDir } },
  })
  const app = await buildApp({ config })
  try {
    const samples: number[] = []
    for (let k = 0; k < REPEATS; k++) {
      const start = performance.now()
      const reply = await app.inject({ method: 'GET', url: '/api/runs?limit=20' })
      samples.push(performance.now() - start)
      if (reply.statusCode !== 200) throw new Error(`GET /api/runs answered ${reply.statusCode}`)
    }
    return median(samples)
  } finally {
    await app.close()
  }
}

const RUNS = Number(process.env.LIST_RUNS_BENCH_RUNS ?? 100_000)
const REPEATS = Number(process.env.LIST_RUNS_BENCH_REPEATS ?? 15)
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dvt-bench-list-runs-'))
  try {
    const databasePath = join(dir, 'dvt.db')
    const measurementsDir = join(dir, 'measurements')
    await openStorage({ databasePath, measurementsDir }).close()
    const created = seedFinishedRuns(databasePath, RUNS)

    // A fresh connection, as `dvt list-runs` would open.
    const storage = openStorage({ databasePath, measurementsDir })
    const time = async (query: RunQuery) => {
      const first = performance.now()
      const page = await storage.listRuns(query)
      const firstMs = performance.now() - first
      const samples: number[] = []
      for (let k = 0; k < REPEATS; k++) {
        const s = performance.now()
        await storage.listRuns(query)
        samples.push(performance.now() - s)
      }
      return { firstMs, ms: median(samples), total: page.total, rows: page.runs.length }
    }
    const open = performance.now()
    const reopen = openStorage({ databasePath, measurementsDir })
    const openMs = performance.now() - open
    await reopen.close()
    const plain = await time({ limit: 20 })
    const filtered = await time({ limit: 20, status: 'failed', test: 'tempco' })
    const dated = await time({ limit: 20, from: '2024-06-01', to: '2024-06-30' })
    const search = await time({ limit: 20, search: 'LDO-00042' })
    await storage.close()
    const cliMs = timeCli(databasePath, measurementsDir)
    const apiMs = await timeApi(databasePath, measurementsDir)

    const show = (name: string, r: Awaited<ReturnType<typeof time>>) =>
      console.log(
        `${name}: median ${r.ms.toFixed(2)} ms (first call ${r.firstMs.toFixed(2)} ms), ${r.rows} rows of ${r.total}`,
      )
    console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} x${cpus().length}, node ${process.version}`)
    console.log(`created ${RUNS} runs in one transaction: ${created.toFixed(0)} ms; open: ${openMs.toFixed(1)} ms`)
    show('newest 20 + total', plain)
    show('status=failed test=tempco', filtered)
    show('June 2024', dated)
    show('search "LDO-00042"', search)
    console.log(`dvt list-runs (whole command, process start included): median ${cliMs.toFixed(0)} ms`)
    console.log(`GET /api/runs?limit=20 (dashboard app): median ${apiMs.toFixed(2)} ms`)
    console.log(
      `list_runs_ms=${plain.ms.toFixed(2)} filtered_ms=${filtered.ms.toFixed(2)} cli_ms=${cliMs.toFixed(0)} api_ms=${apiMs.toFixed(2)}`,
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
