// `pnpm bench dashboard`: WebSocket telemetry fan-out. A child process runs the simulation server (speed 60) and
// the dashboard; 50 `ws` clients receive the 20 Hz telemetry for 30 s. Figures: the child's CPU (% of one core,
// from /proc/<pid>/stat, sim server included; also measured with no client, for the fan-out's own cost) and the
// message lag (receive wall time − the `t` the dashboard stamped when the snapshot arrived from the simulator).
// DASHBOARD_SCREENSHOTS=1 also runs a tempco and writes docs/screenshot-{live,tests,results}.png.
// Last line: dashboard_cpu_pct=<x> lag_p99_ms=<x>
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { cpus, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'

const CLIENTS = Number(process.env.DASHBOARD_BENCH_CLIENTS ?? 50)
const SECONDS = Number(process.env.DASHBOARD_BENCH_SECONDS ?? 30)
const IDLE_SECONDS = 5
const CPU_TARGET = 25
const LAG_TARGET_MS = 100
const root = resolve(import.meta.dirname, '..')
// npm packages of the apps, resolved from the packages that declare them.
// Only the bits of `ws` and `puppeteer-core` used here (the root package does not depend on either).
interface WsClient {
  on(event: 'message', listener: (data: unknown) => void): void
  once(event: 'open' | 'error', listener: (error?: unknown) => void): void
  close(): void
}
interface Browser {
  newPage(): Promise<{
    goto(url: string): Promise<unknown>
    waitForSelector(selector: string, options?: { timeout: number }): Promise<unknown>
    screenshot(options: { path: string; fullPage?: boolean }): Promise<unknown>
  }>
  close(): Promise<void>
}
const WebSocket = createRequire(join(root, 'apps/dashboard/package.json'))('ws') as new (
  url: string,
  options: { headers: Record<string, string> },
) => WsClient

/** Child mode: the bench (sim server + dashboard) in its own process, so its CPU can be read alone. */
async function child(): Promise<void> {
  const { configSchema } = await import('@dvt/config')
  const { startSimServer, withBoundPorts } = await import('@dvt/sim-server')
  const { startDashboard } = await import('@dvt/dashboard')
  const { BENCH_PORTS } = await import('@dvt/protocol')
  const dir = mkdtempSync(join(tmpdir(), 'dvt-bench-dashboard-'))
  const data = { database_path: join(dir, 'dvt.db'), measurements_dir: join(dir, 'm'), reports_dir: join(dir, 'r') }
  const ports = Object.fromEntries(BENCH_PORTS.map((port) => [port, 0]))
  const sim = await startSimServer({ config: configSchema.parse({ data }), ports, speed: 60 })
  const dashboard = await startDashboard({ config: withBoundPorts(configSchema.parse({ data }), sim), port: 0 })
  process.stdout.write(`${JSON.stringify({ url: dashboard.url, pid: process.pid })}\n`)
  process.on('SIGTERM', () => {
    void Promise.all([dashboard.close(), sim.close()]).finally(() => {
      rmSync(dir, { recursive: true, force: true })
      process.exit(0)
    })
  })
}

/** utime + stime of a process, in seconds. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100 // fields 14 and 15 of proc(5); CLK_TCK is 100 on Linux
}

async function cpuPercent(pid: number, seconds: number): Promise<number> {
  const start = cpuSeconds(pid)
  const t0 = performance.now()
  await new Promise((r) => setTimeout(r, seconds * 1000))
  return ((cpuSeconds(pid) - start) / ((performance.now() - t0) / 1000)) * 100
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN
}

function startChild(): Promise<{ proc: ChildProcess; url: string; pid: number }> {
  const proc = spawn(
    process.execPath,
    ['--conditions=@dvt/source', '--import', 'tsx', import.meta.filename, '--child'],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  return new Promise((resolveStart, reject) => {
    proc.once('exit', (code) => reject(new Error(`the bench process exited (${code}) before it was ready`)))
    createInterface({ input: proc.stdout! }).once('line', (line) => resolveStart({ proc, ...JSON.parse(line) }))
  })
}

/** Opens the clients; each records the lag of every telemetry message while `recording` is on. */
async function openClients(url: string, state: { recording: boolean; lags: number[]; counts: number[] }) {
  const wsUrl = `${url.replace('http', 'ws')}/api/ws`
  return Promise.all(
    Array.from({ length: CLIENTS }, (_, i) => {
      state.counts[i] = 0
      const ws = new WebSocket(wsUrl, { headers: { origin: url } })
      ws.on('message', (data) => {
        const now = Date.now()
        const message = JSON.parse(String(data)) as { type: string; t?: number }
        if (!state.recording || message.type !== 'telemetry' || message.t === undefined) return
        state.lags.push(now - message.t)
        state.counts[i]!++
      })
      return new Promise<WsClient>((ok, fail) => {
        ws.once('open', () => ok(ws))
        ws.once('error', fail)
      })
    }),
  )
}

async function main(): Promise<void> {
  const { proc, url, pid } = await startChild()
  try {
    await new Promise((r) => setTimeout(r, 2000))
    const idleCpu = await cpuPercent(pid, IDLE_SECONDS)
    const state = { recording: false, lags: [] as number[], counts: [] as number[] }
    const clients = await openClients(url, state)
    await new Promise((r) => setTimeout(r, 2000))
    state.recording = true
    const cpu = await cpuPercent(pid, SECONDS)
    state.recording = false
    for (const ws of clients) ws.close()
    if (process.env.DASHBOARD_SCREENSHOTS === '1') await screenshots(url)
    report(idleCpu, cpu, state)
  } finally {
    proc.kill('SIGTERM')
  }
}

function report(idleCpu: number, cpu: number, state: { lags: number[]; counts: number[] }): void {
  const lags = [...state.lags].sort((a, b) => a - b)
  const rates = state.counts.map((n) => n / SECONDS)
  const p99 = percentile(lags, 99)
  console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, Node ${process.version}`)
  console.log(`bench process CPU with no client:        ${idleCpu.toFixed(1)} % of one core (sim server + dashboard)`)
  console.log(
    `bench process CPU with ${CLIENTS} clients:       ${cpu.toFixed(1)} % of one core (target < ${CPU_TARGET} %)`,
  )
  console.log(
    `telemetry messages per client:           ${Math.min(...rates).toFixed(1)}–${Math.max(...rates).toFixed(1)} /s`,
  )
  console.log(
    `lag (ms) over ${lags.length} messages:     p50 ${percentile(lags, 50)}  p99 ${p99}  max ${lags.at(-1)} (target p99 < ${LAG_TARGET_MS})`,
  )
  console.log(`dashboard_cpu_pct=${cpu.toFixed(1)} lag_p99_ms=${p99}`)
}

/** Runs a tempco through the API at max speed and captures each page of the web app. */
async function screenshots(url: string): Promise<void> {
  const puppeteer = createRequire(join(root, 'packages/reports/package.json'))('puppeteer-core') as {
    launch(options: object): Promise<Browser>
  }
  const post = (path: string, body: unknown) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  await post('/api/control', { supply_v: 5, supply_on: true, load_a: 0.1, load_on: true, setpoint_c: 40 })
  const dir = mkdtempSync(join(tmpdir(), 'dvt-bench-shots-'))
  const browser = await puppeteer.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', `--user-data-dir=${join(dir, 'profile')}`],
    defaultViewport: { width: 1440, height: 1000 },
  })
  try {
    const page = await browser.newPage()
    await page.goto(`${url}/live`)
    await new Promise((r) => setTimeout(r, 8000))
    await page.screenshot({ path: join(root, 'docs/screenshot-live.png') })
    // Fast enough to finish soon, slow enough to catch the run half-way on the Tests page.
    await post('/api/control', { speed: 400 })
    const { id } = (await (await post('/api/runs', { test: 'tempco', parameters: {}, serial: 'LDO-0042' })).json()) as {
      id: string
    }
    await page.goto(`${url}/tests`)
    await page.waitForSelector('[data-testid=measurement-chart] svg.chart circle', { timeout: 60_000 })
    await new Promise((r) => setTimeout(r, 3000))
    await page.screenshot({ path: join(root, 'docs/screenshot-tests.png') })
    await post('/api/control', { speed: 'max' })
    while (
      ((await (await fetch(`${url}/api/runs/${id}`)).json()) as { run: { status: string } }).run.status === 'running'
    ) {
      await new Promise((r) => setTimeout(r, 250))
    }
    await post('/api/control', { speed: 60 })
    await page.goto(`${url}/results/${id}`)
    await page.waitForSelector('[data-testid=measurement-chart] svg.chart circle')
    await page.screenshot({ path: join(root, 'docs/screenshot-results.png'), fullPage: true })
  } finally {
    await browser.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv.includes('--child')) await child()
else await main()
