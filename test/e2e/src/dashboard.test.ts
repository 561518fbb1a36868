import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { configSchema, type DvtConfig } from '@dvt/config'
import { type RunningDashboard, startDashboard } from '@dvt/dashboard'
import { chromiumFlags } from '@dvt/reports'
import { type SimServer, startSimServer, withBoundPorts } from '@dvt/sim-server'
import puppeteer, { type Browser, type Page } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { postJson } from './support/dashboard-http'

/** A config pointing at a simulation server started on free ports, data in `dir`. */
function configFor(sim: SimServer, dir: string): DvtConfig {
  const data = { database_path: join(dir, 'dvt.db'), measurements_dir: join(dir, 'm'), reports_dir: join(dir, 'r') }
  return withBoundPorts(configSchema.parse({ data }), sim)
}

const text = (page: Page, selector: string) => page.$eval(selector, (el) => el.textContent ?? '')

/** Clicks the button whose text is exactly `label`. */
async function clickButton(page: Page, label: string): Promise<void> {
  const handle = await page.waitForFunction(
    (l: string) => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === l && !b.disabled),
    { timeout: 15_000 },
    label,
  )
  await (handle as unknown as { click(): Promise<void> }).click()
}

async function clickLink(page: Page, label: string): Promise<void> {
  const handle = await page.waitForFunction(
    (l: string) => [...document.querySelectorAll('a')].find((a) => a.textContent?.trim() === l),
    { timeout: 15_000 },
    label,
  )
  await (handle as unknown as { click(): Promise<void> }).click()
}

async function fill(page: Page, selector: string, value: string): Promise<void> {
  await page.focus(selector)
  await page.$eval(selector, (el) => (el as HTMLInputElement).select())
  await page.keyboard.press('Backspace')
  await page.type(selector, value)
}

describe('dashboard in Chromium against a real simulation server', () => {
  let dir: string
  let sim: SimServer
  let dashboard: RunningDashboard
  let browser: Browser
  let page: Page
  const pageErrors: string[] = []

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dvt-dashboard-e2e-'))
    const ports = { control: 0, chamber: 0, supply: 0, dmm: 0, load: 0, mux: 0, telemetry: 0 }
    // 5 snapshots a second is plenty here, and leaves a busy machine's Chromium time to answer between renders.
    sim = await startSimServer({ config: configSchema.parse({ simulation: { telemetry_hz: 5 } }), ports, speed: 600 })
    dashboard = await startDashboard({ config: configFor(sim, dir), port: 0 })
    browser = await puppeteer.launch({
      executablePath: '/usr/bin/chromium',
      args: [...chromiumFlags, `--user-data-dir=${join(dir, 'chromium')}`],
      defaultViewport: { width: 1400, height: 1000 },
    })
    page = await browser.newPage()
    page.on('pageerror', (error) => pageErrors.push(String(error)))
    await page.goto(`${dashboard.url}/live`)
  })
  afterAll(async () => {
    await browser?.close()
    await dashboard?.close()
    await sim?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('shows live values that change', async () => {
    await page.waitForFunction(() =>
      document.querySelector('[data-testid=connection]')?.textContent?.includes('Bench connected'),
    )
    // A value (`42 s`, or `1 h 05 min` once a slow start has let the bench run an hour at 600×).
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid=card-simtime]')?.textContent ?? ''))
    const first = await text(page, '[data-testid=card-simtime]')
    await page.waitForFunction(
      (before: string) => document.querySelector('[data-testid=card-simtime]')?.textContent !== before,
      { timeout: 10_000 },
      first,
    )
    expect(await page.$$eval('.recharts-line-curve', (lines) => lines.length)).toBeGreaterThanOrEqual(8)
  })

  it('moves the chamber when the setpoint is applied', async () => {
    await page.waitForSelector('#control-setpoint_c')
    await fill(page, '#control-setpoint_c', '60')
    await clickButton(page, 'Apply')
    await page.waitForFunction(
      () => Number.parseFloat(document.querySelector('[data-testid=card-chamber] .stat-value')?.textContent ?? '') > 30,
      { timeout: 20_000 },
    )
    expect(await text(page, '[data-testid=card-setpoint]')).toContain('60.0')
  })

  it('answers SCPI from the console, with queued errors', async () => {
    await fill(page, 'input[aria-label="SCPI command"]', '*IDN?')
    await clickButton(page, 'Send')
    await page.waitForFunction(() =>
      document.querySelector('[data-testid=scpi-log]')?.textContent?.includes('34461A-SIM'),
    )
    await fill(page, 'input[aria-label="SCPI command"]', 'BOGUS')
    await clickButton(page, 'Send')
    await page.waitForFunction(() => document.querySelector('[data-testid=scpi-log]')?.textContent?.includes('-113'))
  })

  it('runs a tempco from the Tests page to a verdict at max speed', async () => {
    await fill(page, '#control-speed', 'max')
    await clickButton(page, 'Apply')
    await page.waitForFunction(() => document.body.textContent?.includes('Applied'))
    await clickLink(page, 'Tests')
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.test-name')].some((e) => e.textContent === 'tempco'),
    )
    await page.$$eval('.test-item', (items) =>
      (items.find((i) => i.querySelector('.test-name')?.textContent === 'tempco') as HTMLElement).click(),
    )
    await page.type('input[name=serial]', 'SN-E2E-1')
    await clickButton(page, 'Run test')
    await page.waitForSelector('[data-testid=verdict]', { timeout: 120_000 })
    const verdict = await text(page, '[data-testid=verdict]')
    expect(verdict).toMatch(/^PASSED/)
    expect(await text(page, '[data-testid=run-progress]')).toMatch(/point 6 of 6/)
  })

  it('shows the run on Results with its chart, and downloads its PDF', async () => {
    await clickLink(page, 'Results')
    await page.waitForSelector('[data-testid=runs-table] tbody tr')
    expect(await text(page, '[data-testid=runs-table]')).toContain('tempco')
    await fill(page, 'input[type=search]', 'no-such-run')
    await page.waitForFunction(() => document.body.textContent?.includes('No runs match.'))
    await fill(page, 'input[type=search]', 'SN-E2E-1')
    await page.waitForSelector('[data-testid=runs-table] tbody tr')
    await page.click('[data-testid=runs-table] tbody tr a')
    await page.waitForSelector('[data-testid=results-table]')
    expect(await text(page, '[data-testid=results-table]')).toContain('tempco_ppm_per_c')
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=measurement-chart] svg.chart circle').length > 0,
      { timeout: 15_000 },
    )
    const downloads = join(dir, 'downloads')
    mkdirSync(downloads)
    const session = await browser.target().createCDPSession()
    await session.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads })
    await clickButton(page, 'Download PDF')
    let files: string[] = []
    while (!files.some((f) => f.endsWith('.pdf'))) {
      await new Promise((r) => setTimeout(r, 100))
      files = readdirSync(downloads)
    }
    const file = files.find((f) => f.endsWith('.pdf'))!
    expect(file).toMatch(/^tempco_[0-9a-f]{8}_\d{8}-\d{6}\.pdf$/)
    expect(readFileSync(join(downloads, file)).subarray(0, 5).toString()).toBe('%PDF-')
  })

  it('refuses a second run while one is going, aborts from the page, and leaves the bench safe', async () => {
    const post = (path: string, body: unknown) => postJson(`${dashboard.url}${path}`, body)
    expect((await post('/api/control', { speed: 60 })).status).toBe(200)
    await page.goto(`${dashboard.url}/tests`)
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.test-name')].some((e) => e.textContent === 'tempco'),
    )
    await clickButton(page, 'Run test')
    await page.waitForFunction(() => [...document.querySelectorAll('button')].some((b) => b.textContent === 'Abort'))
    const busy = await post('/api/runs', { test: 'tempco' })
    expect(busy.status).toBe(409)
    expect(((await busy.json()) as { error: string }).error).toMatch(/^the bench is busy: run [0-9a-f]{8} \(tempco\)/)
    await clickButton(page, 'Abort')
    await page.waitForFunction(
      () => document.querySelector('[data-testid=verdict]')?.textContent?.startsWith('ABORTED'),
      {
        timeout: 30_000,
      },
    )
    let status = { supply_mode: '', load_on: true }
    while (status.supply_mode !== 'OFF' || status.load_on) {
      await new Promise((r) => setTimeout(r, 100))
      status = ((await (await fetch(`${dashboard.url}/api/status`)).json()) as { telemetry: typeof status }).telemetry
    }
  })

  it('compares two runs from a run page: results against their noise, curves overlaid, and the PDF with both', async () => {
    const post = (path: string, body: unknown) => postJson(`${dashboard.url}${path}`, body)
    expect((await post('/api/control', { speed: 'max' })).status).toBe(200)
    const started = await post('/api/runs', { test: 'tempco', parameters: { points_c: [-40, 25, 85] } })
    expect(started.status).toBe(202)
    const { id } = (await started.json()) as { id: string }
    let status = 'running'
    while (status === 'running' || status === 'pending') {
      await new Promise((r) => setTimeout(r, 100))
      status = ((await (await fetch(`${dashboard.url}/api/runs/${id}`)).json()) as { run: { status: string } }).run
        .status
    }
    expect(status).toBe('passed')
    await page.goto(`${dashboard.url}/results/${id}`)
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('[data-testid=compare-with] option')].some((o) =>
          o.textContent?.includes('passed'),
        ),
      { timeout: 15_000 },
    )
    const other = await page.$$eval(
      '[data-testid=compare-with] option',
      (options) => (options as HTMLOptionElement[]).find((o) => o.textContent?.includes('passed'))!.value,
    )
    await page.select('[data-testid=compare-with]', other)
    await clickButton(page, 'Compare')
    await page.waitForSelector('[data-testid=compare-table]')
    expect(page.url()).toBe(`${dashboard.url}/compare/${id}/${other}`)
    const table = await text(page, '[data-testid=compare-table]')
    expect(table).toContain('tempco_ppm_per_c')
    expect(table).toMatch(/WITHIN NOISE|DIFFERENT/)
    expect(await text(page, '[data-testid=compare-summary]')).toMatch(/beyond the runs' own noise \(95 %/)
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=overlay-chart] svg.chart circle').length >= 6,
      { timeout: 15_000 },
    )
    const downloads = join(dir, 'downloads')
    const before = new Set(readdirSync(downloads))
    await clickButton(page, 'Download PDF')
    let file: string | undefined
    while (!file) {
      await new Promise((r) => setTimeout(r, 100))
      file = readdirSync(downloads).find((f) => f.endsWith('.pdf') && !before.has(f))
    }
    expect(file).toMatch(new RegExp(`^tempco_${id.slice(0, 8)}_vs_${other.slice(0, 8)}_\\d{8}-\\d{6}\\.pdf$`))
    expect(readFileSync(join(downloads, file)).subarray(0, 5).toString()).toBe('%PDF-')
  })

  it('raised no uncaught errors in the page', async () => {
    expect(pageErrors).toEqual([])
  })
})
