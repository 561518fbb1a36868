import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { configSchema } from '@dvt/config'
import { type RunningDashboard, startDashboard } from '@dvt/dashboard'
import { chromiumFlags } from '@dvt/reports'
import { type SimServer, startSimServer, withBoundPorts } from '@dvt/sim-server'
import puppeteer, { type Browser, type Page } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { postJson } from './support/dashboard-http'

// The Live page in Chromium against a real simulation server with a board of eight DUTs, and with one.

/** Each step waits for the page at most this long, each test at most twice that (a busy machine is slow). */
const WAIT = { timeout: 20_000 }
const TEST_MS = 60_000

const FREE_PORTS = { control: 0, chamber: 0, supply: 0, dmm: 0, load: 0, mux: 0, telemetry: 0 }

interface Bench {
  sim: SimServer
  dashboard: RunningDashboard
  page: Page
}

const text = (page: Page, selector: string) => page.$eval(selector, (el) => el.textContent ?? '')
const rowsOf = (page: Page) =>
  page.$$eval('[data-testid=socket-table] tbody tr', (rows) =>
    rows.map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent ?? '')),
  )

describe('the Live page of a board of several DUTs, in Chromium', () => {
  let dir: string
  let browser: Browser
  const benches: Bench[] = []
  const pageErrors: string[] = []

  async function openBench(sockets: number): Promise<Bench> {
    // 5 snapshots a second is plenty here, and leaves a busy machine's Chromium time to answer between renders.
    const config = configSchema.parse({
      bench: { sockets },
      simulation: { telemetry_hz: 5 },
      data: { database_path: join(dir, `${sockets}.db`), measurements_dir: join(dir, `m${sockets}`) },
    })
    const sim = await startSimServer({ config, ports: FREE_PORTS, speed: 600 })
    const dashboard = await startDashboard({ config: withBoundPorts(config, sim), port: 0 })
    const page = await browser.newPage()
    page.on('pageerror', (error) => pageErrors.push(String(error)))
    await page.goto(`${dashboard.url}/live`)
    await page.waitForFunction(
      () => document.querySelector('[data-testid=card-simtime]')?.textContent?.includes('s'),
      WAIT,
    )
    const bench = { sim, dashboard, page }
    benches.push(bench)
    return bench
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dvt-dashboard-sockets-'))
    browser = await puppeteer.launch({
      executablePath: '/usr/bin/chromium',
      args: [...chromiumFlags, `--user-data-dir=${join(dir, 'chromium')}`],
      defaultViewport: { width: 1400, height: 1200 },
    })
  })
  /** Stops the benches opened so far (one at a time keeps a busy machine's load down). */
  async function closeBenches(): Promise<void> {
    for (const { page, dashboard, sim } of benches.splice(0)) {
      await page.close()
      await dashboard.close()
      await sim.close()
    }
  }

  afterAll(async () => {
    await closeBenches()
    await browser?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it(
    'lists every socket with its serial, junction, V_out and state',
    async () => {
      const { page, dashboard } = await openBench(8)
      const scpi = async (instrument: string, command: string) => {
        const answer = await postJson(`${dashboard.url}/api/scpi`, { instrument, command })
        expect(answer.status).toBe(200)
        expect(((await answer.json()) as { errors: unknown[] }).errors).toEqual([])
      }
      // The board powered, and socket 3's part regulating lower, so that its row and its cards can be told apart.
      await scpi('supply', 'APPL P6V,5,1;:OUTP ON,(@1)')
      await scpi('control', 'SIM:DUT:PAR NOMINAL_OUTPUT_VOLTAGE,2.5,3')
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid=socket-table] tbody tr')[2]?.textContent?.includes('2.5'),
        WAIT,
      )
      const rows = await rowsOf(page)
      expect(rows).toHaveLength(8)
      expect(rows.map((row) => row[0])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8'])
      for (const row of rows) {
        expect(row[1]).toMatch(/^LOT-00\d$/)
        expect(Number(row[2])).toBeGreaterThan(20)
        expect(row[4]).toBe('on')
      }
      expect(new Set(rows.map((row) => row[1])).size).toBe(8)
      expect(Number(rows[2]![3])).toBeCloseTo(2.5, 2)
      expect(Number(rows[0]![3])).toBeCloseTo(3.3, 2)
    },
    TEST_MS,
  )

  it(
    'shows the chosen socket on the cards and the charts',
    async () => {
      const { page } = benches[0]!
      expect(Number.parseFloat(await text(page, '[data-testid=card-vout] .stat-value'))).toBeCloseTo(3.3, 2)
      await page.select('select[aria-label=Socket]', '3')
      await page.waitForFunction(
        () => Number.parseFloat(document.querySelector('[data-testid=card-vout] .stat-value')?.textContent ?? '') < 2.6,
        WAIT,
      )
      expect(await page.$eval('body', (b) => b.textContent)).toContain('Electrical — socket 3')
      expect(await page.$$eval('.recharts-line-curve', (lines) => lines.length)).toBeGreaterThanOrEqual(8)
      // A click on a row chooses its socket too.
      await page.click('[data-testid=socket-table] tbody tr:nth-child(1)')
      await page.waitForFunction(
        () => Number.parseFloat(document.querySelector('[data-testid=card-vout] .stat-value')?.textContent ?? '') > 3,
        WAIT,
      )
      expect(await page.$eval('select[aria-label=Socket]', (s) => (s as HTMLSelectElement).value)).toBe('1')
    },
    TEST_MS,
  )

  it(
    'with one socket shows no socket table and no picker, as before',
    async () => {
      await closeBenches()
      const { page } = await openBench(1)
      expect(await page.$('[data-testid=socket-table]')).toBeNull()
      expect(await page.$('select[aria-label=Socket]')).toBeNull()
      // One bench (no dashboard.benches): no bench picker either.
      expect(await page.$('select[aria-label=Bench]')).toBeNull()
      expect(await page.$eval('body', (b) => b.textContent)).not.toContain('— socket')
      expect(await page.$$eval('.recharts-line-curve', (lines) => lines.length)).toBeGreaterThanOrEqual(8)
      expect(pageErrors).toEqual([])
    },
    TEST_MS,
  )
})
