import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { conditionsLabel, formatCharacteristic } from '@dvt/charts'
import type { CampaignSummary } from '@dvt/storage'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runDvt, type ServeHandle, startServe } from './support/dvt-process'
import { NO_STACK } from './support/expect-cli'

function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
}

function pdfPages(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' })
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1])
}

describe('dvt export-report (real dvt serve, real run, real Chromium)', () => {
  let serve: ServeHandle
  let run: { id: string; status: string; results: { parameter: string; value: number }[] }
  const dvt = (args: string[]) => runDvt(args, { env: serve.env, cwd: serve.dir, timeoutMs: 60_000 })

  beforeAll(async () => {
    serve = await startServe({ speed: 'max' })
    const r = await dvt([
      'run-test',
      'tempco',
      '--json',
      '--serial',
      'LDO-E2E-0042',
      '--operator',
      'a.tester',
      '--description',
      '<script>alert(1)</script> lot 7',
    ])
    run = JSON.parse(r.stdout)
  })
  afterAll(async () => {
    await serve?.stop()
  })

  it('writes the report of a run given by its 8-character ID to the default reports folder', async () => {
    const r = await dvt(['export-report', run.id.slice(0, 8)])
    expect(r.code, r.stderr).toBe(0)
    const dir = join(serve.dir, 'data', 'reports')
    const files = readdirSync(dir)
    expect(files).toHaveLength(1)
    expect(files[0]).toMatch(new RegExp(`^tempco_${run.id.slice(0, 8)}_\\d{8}-\\d{6}\\.pdf$`))
    expect(r.stdout).toContain(join(dir, files[0]!))
    const file = join(dir, files[0]!)
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-')
    const text = pdfText(file)
    expect(text).toContain(run.id)
    expect(text).toContain('LDO-E2E-0042')
    expect(text).toContain('PASSED')
    for (const result of run.results) expect(text).toContain(result.parameter)
    expect(text).toMatch(/Page 1 of \d+/)
    // The description is printed as text, never run.
    expect(text).toContain('<script>alert(1)</script> lot 7')
  })

  it('writes to -o with the company name asked for, page count as pdfinfo sees it', async () => {
    const out = join(serve.dir, 'custom.pdf')
    const r = await dvt(['export-report', run.id, '-o', out, '--company', 'Acme Power Devices'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/custom\.pdf \((\d+) pages?, \d+ KiB\)/)
    const pages = Number(/\((\d+) page/.exec(r.stdout)?.[1])
    expect(pdfPages(out)).toBe(pages)
    expect(pdfText(out)).toContain('Acme Power Devices')
  })

  it('an unknown run is one sentence, exit 1, and no file', async () => {
    const out = join(serve.dir, 'never.pdf')
    const r = await dvt(['export-report', 'deadbeef', '-o', out])
    expect(r.code).toBe(1)
    expect(r.stderr.trim()).toBe(
      'dvt: no run or campaign matches "deadbeef" — "dvt list-runs" and "dvt list-campaigns" show the IDs',
    )
    expect(r.stderr).not.toMatch(NO_STACK)
    expect(existsSync(out)).toBe(false)
  })

  it('a Chromium that is not there is one sentence with the install command, and no file', async () => {
    const out = join(serve.dir, 'no-chromium.pdf')
    const r = await runDvt(['export-report', run.id, '-o', out], {
      env: { ...serve.env, DVT__REPORTING__CHROMIUM_PATH: '/nonexistent/chromium' },
      cwd: serve.dir,
    })
    expect(r.code).not.toBe(0)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/apt-get install -y --no-install-recommends chromium/)
    expect(r.stderr).toMatch(/reporting\.chromium_path/)
    expect(existsSync(out)).toBe(false)
  })
})

describe('dvt export-report <campaign id> (dvt run-plan on a real dvt serve, dvt show-campaign --json, real Chromium)', () => {
  let serve: ServeHandle
  let summary: CampaignSummary
  const dvt = (args: string[]) => runDvt(args, { env: serve.env, cwd: serve.dir, timeoutMs: 60_000 })
  const plan = [
    'name: "LDO <script>alert(1)</script> datasheet"',
    'lot: { name: LOT-E2E, size: 4, seed: 11 }',
    'sockets: 4',
    'temperatures_c: [25, 85]',
    'steps:',
    '  - test: output_voltage',
    '  - test: quiescent_current',
    'limits: { tempco_ppm_per_c: { lower: -100, upper: 100 } }',
    '',
  ].join('\n')

  beforeAll(async () => {
    serve = await startServe({ speed: 'max', args: ['--sockets', '4'] })
    writeFileSync(join(serve.dir, 'plan.yaml'), plan)
    const ran = await dvt(['run-plan', 'plan.yaml', '--json'])
    expect(ran.stderr).not.toMatch(NO_STACK)
    const { id } = JSON.parse(ran.stdout.trim().split('\n').at(-1)!) as { id: string }
    const shown = await dvt(['show-campaign', id, '--json'])
    expect(shown.code, shown.stderr).toBe(0)
    summary = JSON.parse(shown.stdout) as CampaignSummary
  })
  afterAll(async () => {
    await serve?.stop()
  })

  it('resolves a campaign prefix and prints its datasheet: every parameter, min/typ/max as show-campaign --json has them', async () => {
    const short = summary.campaign.id.slice(0, 8)
    const r = await dvt(['export-report', short])
    expect(r.code, r.stderr).toBe(0)
    const dir = join(serve.dir, 'data', 'reports')
    const file = readdirSync(dir).find((f) => f.startsWith('campaign_'))
    expect(file).toMatch(new RegExp(`^campaign_LOT-E2E_${short}_\\d{8}-\\d{6}\\.pdf$`))
    const path = join(dir, file!)
    expect(r.stdout).toContain(path)
    const pages = Number(/\((\d+) pages?/.exec(r.stdout)?.[1])
    expect(pdfPages(path)).toBe(pages)
    const text = pdfText(path).replace(/\s+/g, ' ')
    expect(text).toContain('Electrical characteristics')
    expect(text).toContain('LDO <script>alert(1)</script> datasheet')
    expect(summary.statistics.map((s) => s.parameter)).toEqual(
      expect.arrayContaining(['vout_v', 'iq_ua', 'tempco_ppm_per_c']),
    )
    for (const s of summary.statistics) {
      const row = [s.min, s.mean, s.max].map(formatCharacteristic).join(' ')
      expect(text).toContain(`${s.parameter} ${conditionsLabel(s.conditions)} ${row}`)
    }
    expect(text).toContain('Method accuracy')
  })

  it('--compare with a campaign is one sentence; an unknown ID too, exit 1, no file', async () => {
    const compare = await dvt(['export-report', summary.campaign.id, '--compare', summary.campaign.id])
    expect(compare.code).toBe(1)
    expect(compare.stderr.trim()).toBe(
      `dvt: --compare compares two runs, and ${summary.campaign.id} is a campaign — leave it out`,
    )
    const out = join(serve.dir, 'never.pdf')
    const unknown = await dvt(['export-report', 'feedface', '-o', out])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1)
    expect(unknown.stderr).not.toMatch(NO_STACK)
    expect(existsSync(out)).toBe(false)
  })
})
