import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromiumFlags } from '@dvt/reports'
import puppeteer, { type Browser, type Page } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { postJson } from './support/dashboard-http'
import { type ServeHandle, spawnDvt, startServe } from './support/dvt-process'

const SHIPPED_PLAN = resolve(import.meta.dirname, '../../../plans/ldo-datasheet.yaml')

/** Clicks the button whose text is exactly `label` once it is enabled. */
async function clickButton(page: Page, label: string): Promise<void> {
  const handle = await page.waitForFunction(
    (l: string) => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === l && !b.disabled),
    { timeout: 20_000 },
    label,
  )
  await (handle as unknown as { click(): Promise<void> }).click()
}

/** The state of every cell of the progress grid, in order. */
const cellStates = (page: Page) =>
  page.$$eval('[data-testid=grid-cell]', (cells) => cells.map((c) => c.getAttribute('data-state') ?? ''))

/**
 * Records every distinct state of the progress grid from now on (a MutationObserver in the page), so a test can see
 * the grid fill cell by cell however fast the campaign runs.
 */
async function recordGrid(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = []
    const snap = () => {
      const states = [...document.querySelectorAll('[data-testid=grid-cell]')].map((c) => c.getAttribute('data-state'))
      const key = states.join(',')
      if (states.length > 0 && seen.at(-1) !== key) seen.push(key)
    }
    ;(window as unknown as { gridStates: string[] }).gridStates = seen
    new MutationObserver(snap).observe(document.body, { subtree: true, childList: true, attributes: true })
    snap()
  })
}
const recordedGrid = (page: Page) =>
  page.evaluate(() => (window as unknown as { gridStates: string[] }).gridStates.map((s) => s.split(',')))

const finished = (status: string) => ['PASSED', 'FAILED', 'ERROR'].includes(status)
const statusOf = (page: Page) => page.$eval('[data-testid=campaign-status]', (el) => el.textContent?.trim() ?? '')

describe('the Campaigns page in Chromium against a real dvt serve with its dashboard', () => {
  let dir: string
  let serve: ServeHandle
  let browser: Browser
  let page: Page
  let campaignUrl = ''
  const pageErrors: string[] = []

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dvt-campaigns-e2e-'))
    mkdirSync(join(dir, 'plans'))
    copyFileSync(SHIPPED_PLAN, join(dir, 'plans', 'ldo-datasheet.yaml'))
    serve = await startServe({ dashboard: true, args: ['--sockets', '8'], dir })
    browser = await puppeteer.launch({
      executablePath: '/usr/bin/chromium',
      args: [...chromiumFlags, `--user-data-dir=${join(dir, 'chromium')}`],
      defaultViewport: { width: 1400, height: 1000 },
    })
    page = await browser.newPage()
    page.on('pageerror', (error) => pageErrors.push(String(error)))
  })
  afterAll(async () => {
    await browser?.close()
    await serve?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('offers the shipped plan, and lists a pasted broken plan’s problems with their lines without starting it', async () => {
    await page.goto(`${serve.url}/campaigns`)
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid=plan-file] option')].some((o) =>
        o.textContent?.includes('ldo-datasheet.yaml — LDO 3.3 V'),
      ),
    )
    await page.click('[data-testid=paste-plan]')
    await page.type(
      '[data-testid=plan-yaml]',
      'name: broken\nlot: { name: L, size: 2 }\nsockets: 0\ntemperatures_c: []\nsteps:\n- test: output_voltage\n',
    )
    await clickButton(page, 'Start campaign')
    await page.waitForSelector('[data-testid=plan-problems] li')
    const problems = await page.$$eval('[data-testid=plan-problems] li', (items) => items.map((li) => li.textContent))
    expect(problems).toHaveLength(2)
    expect(problems[0]).toMatch(/^plan:3: sockets: /)
    expect(problems[1]).toMatch(/^plan:4: temperatures_c: must have at least 1 entry/)
    expect(new URL(page.url()).pathname).toBe('/campaigns')
    expect(await page.evaluate(() => document.body.textContent?.includes('No campaigns yet.'))).toBe(true)
  })

  it('starts the shipped plan with a smaller lot and watches the progress grid fill to the end', async () => {
    await page.click('input[name=plan-source]:not([data-testid=paste-plan])')
    await page.type('[data-testid=plan-overrides]', 'lot.size=16')
    await clickButton(page, 'Validate')
    await page.waitForSelector('[data-testid=plan-valid]')
    expect(await page.$eval('[data-testid=plan-valid]', (el) => el.textContent)).toContain(
      'Valid: 56 points over 4 temperatures, 2 boards of 8 sockets',
    )
    await clickButton(page, 'Start campaign')
    await page.waitForSelector('[data-testid=campaign-detail] [data-testid=progress-grid]')
    await recordGrid(page)
    campaignUrl = page.url()
    expect(new URL(campaignUrl).pathname).toMatch(/^\/campaigns\/[0-9a-f-]{36}$/)
    await page.waitForFunction(
      () =>
        ['PASSED', 'FAILED', 'ERROR'].includes(
          document.querySelector('[data-testid=campaign-status]')?.textContent?.trim() ?? '',
        ),
      { timeout: 120_000 },
    )
    const final = await cellStates(page)
    expect(final).toHaveLength(56)
    expect(final.every((s) => ['done', 'failed', 'error'].includes(s))).toBe(true)
    const seen = await recordedGrid(page)
    // The grid filled in front of us: states with some points measured and some still to come, growing.
    const measured = (states: string[]) => states.filter((s) => s !== 'pending' && s !== 'running').length
    const partial = seen.filter((states) => measured(states) > 0 && measured(states) < 56)
    expect(partial.length).toBeGreaterThan(2)
    const counts = seen.map(measured)
    expect(counts).toEqual([...counts].sort((a, b) => a - b))
    expect(seen.some((states) => states.includes('running'))).toBe(true)
    expect(finished(await statusOf(page))).toBe(true)
    expect(await page.$eval('[data-testid=campaign-points]', (el) => el.textContent)).toContain('56/56')
    expect(await page.$eval('[data-testid=campaign-yield]', (el) => el.textContent)).toMatch(/\d+\.\d %/)
  })

  it('shows the lot charts, histograms and the characteristics table, and downloads the datasheet PDF', async () => {
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=campaign-lot-chart] svg.chart').length > 0)
    const lotTitles = await page.$$eval('[data-testid=campaign-lot-chart] figcaption strong', (els) =>
      els.map((e) => e.textContent),
    )
    expect(lotTitles).toContain('Output voltage vs temperature')
    expect(lotTitles).toContain('Quiescent current vs temperature')
    expect(await page.$$eval('[data-testid=campaign-histogram] svg.chart', (els) => els.length)).toBeGreaterThan(3)
    const table = await page.$eval('[data-testid=characteristics]', (el) => el.textContent ?? '')
    for (const parameter of ['vout_v', 'iq_ua', 'tempco_ppm_per_c', 'vout_25c_v']) expect(table).toContain(parameter)
    const downloads = join(dir, 'downloads')
    mkdirSync(downloads)
    const session = await browser.target().createCDPSession()
    await session.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads })
    await clickButton(page, 'Download PDF')
    let file: string | undefined
    while (!file) {
      await new Promise((r) => setTimeout(r, 100))
      file = readdirSync(downloads).find((f) => f.endsWith('.pdf'))
    }
    expect(file).toMatch(/^campaign_LOT24-07_[0-9a-f]{8}_\d{8}-\d{6}\.pdf$/)
    const pdf = join(downloads, file)
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-')
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })
    expect(text).toContain('Electrical characteristics')
    expect(text).toContain('LDO 3.3 V datasheet characterisation')
  })

  it('aborts a campaign from its page and resumes it to the end', async () => {
    await page.goto(`${serve.url}/campaigns`)
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=plan-file] option').length > 0)
    await page.type('[data-testid=plan-overrides]', 'lot.size=16')
    await clickButton(page, 'Start campaign')
    await page.waitForSelector('[data-testid=campaign-detail] [data-testid=progress-grid]')
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=grid-cell][data-state=done]').length >= 2,
      {
        timeout: 60_000,
      },
    )
    // One thing at a time on a bench: a second campaign and a single run are refused while this one runs.
    const second = await postJson(`${serve.url}/api/campaigns`, { plan: 'ldo-datasheet.yaml', set: ['lot.size=8'] })
    expect(second.status).toBe(409)
    expect(((await second.json()) as { error: string }).error).toMatch(
      /^the bench is busy: campaign [0-9a-f]{8} is running/,
    )
    const run = await postJson(`${serve.url}/api/runs`, { test: 'line_regulation', parameters: {} })
    expect(run.status).toBe(409)
    expect(((await run.json()) as { error: string }).error).toMatch(/busy/)
    await clickButton(page, 'Abort')
    await page.waitForFunction(
      () => document.querySelector('[data-testid=campaign-status]')?.textContent?.trim() === 'ABORTED',
      {
        timeout: 60_000,
      },
    )
    const atAbort = await cellStates(page)
    expect(atAbort.some((s) => s === 'pending')).toBe(true)
    await clickButton(page, 'Resume')
    await page.waitForFunction(
      () =>
        ['PASSED', 'FAILED', 'ERROR'].includes(
          document.querySelector('[data-testid=campaign-status]')?.textContent?.trim() ?? '',
        ),
      { timeout: 120_000 },
    )
    const final = await cellStates(page)
    expect(final).toHaveLength(56)
    expect(final.every((s) => ['done', 'failed', 'error'].includes(s))).toBe(true)
    // What was measured before the abort was not measured again: those cells kept their one attempt.
    const attempts = await page.$$eval('[data-testid=grid-cell]', (cells) =>
      cells.map((c) => c.getAttribute('title') ?? ''),
    )
    atAbort.forEach((state, i) => {
      if (state === 'done') expect(attempts[i]).not.toMatch(/attempts\)/)
    })
  })

  it('follows a campaign started with dvt run-plan in a terminal: its grid fills on the page too', async () => {
    const terminal = spawnDvt(['run-plan', 'plans/ldo-datasheet.yaml', '--set', 'lot.size=16'], {
      env: serve.env,
      cwd: serve.dir,
    })
    const exited = new Promise<number | null>((r) => terminal.once('exit', (code) => r(code)))
    let id: string | undefined
    while (!id) {
      const list = (await (await fetch(`${serve.url}/api/campaigns?status=running`)).json()) as {
        campaigns: Array<{ id: string }>
      }
      id = list.campaigns[0]?.id
      if (!id) await new Promise((r) => setTimeout(r, 100))
    }
    await page.goto(`${serve.url}/campaigns/${id}`)
    await page.waitForSelector('[data-testid=campaign-detail] [data-testid=progress-grid]')
    await recordGrid(page)
    await page.waitForFunction(
      () =>
        ['PASSED', 'FAILED', 'ERROR'].includes(
          document.querySelector('[data-testid=campaign-status]')?.textContent?.trim() ?? '',
        ),
      { timeout: 120_000 },
    )
    expect([0, 1]).toContain(await exited)
    const measured = (states: string[]) => states.filter((s) => s !== 'pending' && s !== 'running').length
    const seen = (await recordedGrid(page)).map(measured)
    expect(seen.filter((n) => n > 0 && n < 56).length).toBeGreaterThan(1)
    expect(seen.at(-1)).toBe(56)
  })

  it('lists the campaigns, and in the runs table the whole row opens the run — by click and by keyboard', async () => {
    await page.goto(`${serve.url}/campaigns`)
    await page.waitForSelector('[data-testid=campaigns-table] tbody tr')
    expect(await page.$$eval('[data-testid=campaigns-table] tbody tr', (rows) => rows.length)).toBe(3)
    // A click on a cell that is not the ID link opens the campaign.
    await page.click('[data-testid=campaigns-table] tbody tr:last-child td:nth-child(2)')
    await page.waitForFunction((url: string) => window.location.href === url, {}, campaignUrl)
    await page.goto(`${serve.url}/results`)
    await page.waitForSelector('[data-testid=runs-table] tbody tr')
    const href = await page.$eval('[data-testid=runs-table] tbody tr', (row) => row.getAttribute('data-href') ?? '')
    expect(href).toMatch(/^\/results\/[0-9a-f-]{36}$/)
    await page.click('[data-testid=runs-table] tbody tr td:nth-child(2)')
    await page.waitForFunction((path: string) => window.location.pathname === path, {}, href)
    await page.waitForSelector('[data-testid=results-table]')
    await page.goBack()
    await page.waitForSelector('[data-testid=runs-table] tbody tr')
    await page.focus('[data-testid=runs-table] tbody tr')
    await page.keyboard.press('Enter')
    await page.waitForFunction((path: string) => window.location.pathname === path, {}, href)
    await page.waitForSelector('[data-testid=results-table]')
    expect(pageErrors).toEqual([])
  })
})
