import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromiumFlags } from '@dvt/reports'
import { freePortBase } from '@dvt/transports/testing'
import puppeteer, { type Browser, type Page } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { postJson } from './support/dashboard-http'
import { runDvt, type ServeHandle, startServe } from './support/dvt-process'

// The Fleet page in Chromium: two real benches on this host — `dvt serve --station fleet-1 --port-base …` with the
// dashboard, whose dashboard.benches lists both, and `dvt serve --station fleet-2 --port-base …` — and a
// `dvt run-test tempco` started from a terminal: the built CLI in a process of its own, not through the dashboard.
// The run reaches the page through the store's run-event feed only, and its progress moves there.

/** Each step waits for the page at most this long (a busy machine is slow). */
const WAIT = { timeout: 30_000 }
const STATION = 'fleet-1'
const REPO = resolve(import.meta.dirname, '../../..')
const OTHER = 'fleet-2'

declare global {
  interface Window {
    /** Every distinct text the bench card's progress line showed, in order (recorded in the page). */
    progressSeen: string[]
  }
}

describe('the Fleet page in Chromium, with a run started from a terminal', () => {
  let dir: string
  let serve: ServeHandle
  let other: ServeHandle
  const bases: number[] = []
  let browser: Browser
  let page: Page
  const pageErrors: string[] = []
  let runId: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dvt-fleet-browser-'))
    for (let i = 0; i < 2; i++) bases.push(await freePortBase(bases))
    // 5 snapshots a second is plenty here, and leaves a busy machine's Chromium time to answer between renders.
    const env = { DVT__SIMULATION__TELEMETRY_HZ: '5' }
    other = await startServe({ portBase: bases[1], args: ['--station', OTHER], env })
    const benches = [STATION, OTHER].map((name, i) => `    - { name: ${name}, port_base: ${bases[i]} }`)
    writeFileSync(join(dir, 'lab.yaml'), `dashboard:\n  benches:\n${benches.join('\n')}\n`)
    // 300× real time: the run takes a few seconds of wall time, several progress points for the page to show.
    serve = await startServe({
      dir,
      dashboard: true,
      speed: '300',
      portBase: bases[0],
      args: ['--station', STATION, '--config', 'lab.yaml'],
      env,
    })
    browser = await puppeteer.launch({
      executablePath: '/usr/bin/chromium',
      args: [...chromiumFlags, `--user-data-dir=${join(dir, 'chromium')}`],
      defaultViewport: { width: 1400, height: 1000 },
    })
    page = await browser.newPage()
    page.on('pageerror', (error) => pageErrors.push(String(error)))
    await page.goto(`${serve.url}/fleet`)
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await serve?.stop()
    await other?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('shows each bench connected, with its chamber and DUT state', async () => {
    const card = `[data-testid=bench-${STATION}]`
    await page.waitForFunction((c: string) => document.querySelector(c)?.textContent?.includes('connected'), WAIT, card)
    await page.waitForFunction(
      () => /°C → 25\.0 °C/.test(document.querySelector('[data-testid=fleet-chamber-fleet-1]')?.textContent ?? ''),
      WAIT,
    )
    const text = await page.$eval(card, (el) => el.textContent ?? '')
    expect(text).toContain(STATION)
    expect(text).not.toContain('disconnected')
    const cards = await page.$$eval('[data-testid^=bench-]', (all) => all.map((el) => el.getAttribute('data-testid')))
    expect(cards).toEqual([`bench-${STATION}`, `bench-${OTHER}`])
    await page.waitForFunction(
      (c: string) => document.querySelector(c)?.textContent?.includes('connected'),
      WAIT,
      `[data-testid=bench-${OTHER}]`,
    )
  })

  it('a dvt run-test started in a terminal appears on its bench, and its progress moves', async () => {
    await page.evaluate((station: string) => {
      window.progressSeen = []
      const record = () => {
        const text = document.querySelector(`[data-testid=fleet-progress-${station}]`)?.textContent
        if (text && window.progressSeen.at(-1) !== text) window.progressSeen.push(text)
      }
      new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true })
    }, STATION)
    const argv = ['--json', '--serial', 'SN-FLEET', '--station', STATION, '--port-base', String(bases[0])]
    const run = await runDvt(['run-test', 'tempco', ...argv], {
      env: serve.env,
      cwd: serve.dir,
      timeoutMs: 120_000,
    })
    expect(run.code, run.stderr).toBe(0)
    runId = (JSON.parse(run.stdout) as { id: string }).id
    await page.waitForFunction(
      (station: string, id: string) => {
        const text = document.querySelector(`[data-testid=fleet-run-${station}]`)?.textContent ?? ''
        return text.includes(`tempco ${id}`) && text.includes('PASSED')
      },
      WAIT,
      STATION,
      runId.slice(0, 8),
    )
    const seen = await page.evaluate(() => window.progressSeen)
    const points = seen.filter((text) => /^point \d+ of 6: /.test(text))
    expect(new Set(points).size, seen.join('\n')).toBeGreaterThanOrEqual(2)
    expect(await page.$eval(`[data-testid=fleet-run-${STATION}]`, (el) => el.textContent)).toContain('SN-FLEET')
    // The other bench ran nothing.
    expect(await page.$(`[data-testid=fleet-run-${OTHER}]`)).toBeNull()
  }, 150_000)

  it('a campaign started in a terminal on the other bench shows on that bench’s card, its points moving', async () => {
    await page.goto(`${serve.url}/fleet`)
    await page.waitForSelector(`[data-testid=bench-${OTHER}]`, WAIT)
    await page.evaluate((station: string) => {
      window.progressSeen = []
      const record = () => {
        const text = document.querySelector(`[data-testid=fleet-campaign-${station}]`)?.textContent
        if (text && window.progressSeen.at(-1) !== text) window.progressSeen.push(text)
      }
      new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true })
    }, OTHER)
    const plan = join(REPO, 'plans/ldo-datasheet.yaml')
    const sets = ['--set', 'lot.size=1', '--set', 'sockets=1']
    const argv = [...sets, '--speed', '600', '--station', OTHER, '--port-base', String(bases[1]), '--json']
    const campaign = await runDvt(['run-plan', plan, ...argv], { env: serve.env, cwd: serve.dir, timeoutMs: 150_000 })
    expect([0, 1], campaign.stderr).toContain(campaign.code)
    await page.waitForFunction(
      (station: string) =>
        /PASSED|FAILED/.test(document.querySelector(`[data-testid=fleet-campaign-${station}]`)?.textContent ?? ''),
      WAIT,
      OTHER,
    )
    const seen = await page.evaluate(() => window.progressSeen)
    const points = new Set(seen.map((text) => /point (\d+) of (\d+)/.exec(text)?.[1]).filter(Boolean))
    expect(points.size, seen.join('\n')).toBeGreaterThanOrEqual(2)
    expect(await page.$(`[data-testid=fleet-campaign-${STATION}]`)).toBeNull()
  }, 180_000)

  it('its card links to the runs of its station, filtered', async () => {
    await page.goto(`${serve.url}/fleet`)
    await page.waitForSelector(`[data-testid=fleet-run-${STATION}]`, WAIT)
    await page.click(`[data-testid=bench-${STATION}] a[href="/results?station=${STATION}"]`)
    await page.waitForFunction(
      (id: string) => document.querySelector('table')?.textContent?.includes(id),
      WAIT,
      runId.slice(0, 8),
    )
    expect(await page.$eval('#filter-station', (el) => (el as HTMLSelectElement).value)).toBe(STATION)
  })

  it('the Live page switches to any bench of the fleet', async () => {
    // Each bench at a setpoint of its own, so that the cards say which bench they show.
    const setpoints = { [STATION]: '38.5°C', [OTHER]: '61.5°C' }
    for (const [bench, value] of Object.entries(setpoints)) {
      const control = await postJson(`${serve.url}/api/control?bench=${bench}`, {
        setpoint_c: Number.parseFloat(value),
      })
      expect(control.status).toBe(200)
    }
    const showing = (value: string) =>
      page.waitForFunction(
        (v: string) => document.querySelector('[data-testid=card-setpoint] .stat-value')?.textContent === v,
        WAIT,
        value,
      )

    await page.goto(`${serve.url}/live`)
    await page.waitForSelector('select[aria-label=Bench]', WAIT)
    expect(await page.$eval('select[aria-label=Bench]', (el) => (el as HTMLSelectElement).value)).toBe(STATION)
    await showing(setpoints[STATION]!)
    await page.select('select[aria-label=Bench]', OTHER)
    await showing(setpoints[OTHER]!)
    expect(await page.evaluate(() => window.location.search)).toBe(`?bench=${OTHER}`)
    // Its console names that bench's ports.
    const options = await page.$$eval('select[aria-label=Instrument] option', (all) => all.map((o) => o.textContent))
    expect(options).toContain(`Multimeter (${bases[1]! + 3})`)
    // And back: each bench keeps its own state.
    await page.select('select[aria-label=Bench]', STATION)
    await showing(setpoints[STATION]!)
    expect(pageErrors).toEqual([])
  }, 120_000)

  it('runs a test on the other bench from the Tests page, reached from that bench’s card', async () => {
    await page.goto(`${serve.url}/fleet`)
    const link = await page.waitForFunction(
      (bench: string) =>
        [...document.querySelectorAll(`[data-testid=bench-${bench}] a`)].find((a) => a.textContent === 'Run a test'),
      WAIT,
      OTHER,
    )
    await (link as unknown as { click(): Promise<void> }).click()
    await page.waitForSelector('[data-testid=tests-bench] select[aria-label=Bench]', WAIT)
    expect(await page.$eval('select[aria-label=Bench]', (el) => (el as HTMLSelectElement).value)).toBe(OTHER)
    await page.waitForFunction(
      () => [...document.querySelectorAll('.test-name')].some((e) => e.textContent === 'tempco'),
      WAIT,
    )
    await page.$$eval('.test-item', (items) =>
      (items.find((i) => i.querySelector('.test-name')?.textContent === 'tempco') as HTMLElement).click(),
    )
    await page.type('input[name=serial]', 'SN-FLEET-2')
    const run = await page.waitForFunction(
      () => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Run test' && !b.disabled),
      WAIT,
    )
    await (run as unknown as { click(): Promise<void> }).click()
    await page.waitForFunction(
      () => /^PASSED/.test(document.querySelector('[data-testid=verdict]')?.textContent ?? ''),
      { timeout: 120_000 },
    )
    // Stored as a run of that bench's station, made on that bench's instruments.
    const { runs } = (await (await fetch(`${serve.url}/api/runs?station=${OTHER}&search=SN-FLEET-2`)).json()) as {
      runs: { dutSerial: string; station: string; status: string }[]
    }
    expect(runs).toEqual([expect.objectContaining({ dutSerial: 'SN-FLEET-2', station: OTHER, status: 'passed' })])
    expect(pageErrors).toEqual([])
  }, 120_000)
})
