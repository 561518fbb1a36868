import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { conditionsLabel, formatCharacteristic, formatLimits } from '@dvt/charts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultCampaignReportFileName } from './report-data'
import { createReportRenderer, type ReportRenderer } from './report-renderer'
import { pdfInfoPages, pdfText } from './testing/pdf-tools'
import { sampleCampaignSummary } from './testing/sample-campaign-summary'

let dir: string
let renderer: ReportRenderer

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dvt-campaign-report-test-'))
  renderer = createReportRenderer({ companyName: 'Acme Power Devices', onWarning: () => undefined })
})

afterAll(async () => {
  await renderer?.close()
  await rm(dir, { recursive: true, force: true })
})

/** Text with runs of whitespace collapsed, so table layout does not matter to the assertions. */
const flat = (text: string): string => text.replace(/\s+/g, ' ')

describe('the campaign report', () => {
  const summary = sampleCampaignSummary()

  it('prints the electrical characteristics: every parameter at every condition with the min/typ/max of the lot', async () => {
    const file = join(dir, 'campaign.pdf')
    const result = await renderer.renderCampaign(summary, file)
    const bytes = await readFile(file)
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(result.pages).toBe(pdfInfoPages(file))
    expect(result.pages).toBeGreaterThanOrEqual(4)
    const text = flat(pdfText(file))
    expect(text).toContain('Electrical characteristics')
    expect(text).toContain('LDO 3.3 V datasheet characterisation')
    expect(text).toContain(summary.campaign.id)
    expect(text).toContain('LOT24-07 (16 DUTs)')
    expect(text).toContain('Bench time covered 51 h 20 min 00 s')
    expect(text).toContain(`Page 1 of ${result.pages}`)
    expect(summary.statistics.length).toBeGreaterThan(20)
    for (const s of summary.statistics) {
      // One row per statistic: parameter, conditions, then min, typ, max and the limits as the table formats them.
      const row = [formatCharacteristic(s.min), formatCharacteristic(s.mean), formatCharacteristic(s.max)].join(' ')
      expect(text).toContain(s.parameter)
      expect(text).toContain(`${conditionsLabel(s.conditions)} ${row} ${formatLimits(s.lowerLimit, s.upperLimit)}`)
    }
  })

  it('states the yield against the acceptance, the failing DUTs and what failed, and the method accuracy', async () => {
    const file = join(dir, 'verdicts.pdf')
    await renderer.renderCampaign(summary, file)
    const text = flat(pdfText(file))
    const failing = summary.duts.filter((d) => d.verdict === 'fail')
    expect(failing.map((d) => d.serial)).toEqual(['LOT24-07-006', 'LOT24-07-012'])
    expect(summary.campaign.status).toBe('failed')
    expect(text).toContain('FAILED')
    expect(text).toContain('Yield 87.5 % (14 of 16 DUTs) against the acceptance of ≥ 95 %: the lot is not accepted.')
    expect(text).toMatch(/LOT24-07-006 1 6 FAIL tempco_ppm_per_c = 13\d\.\d+ ppm\/°C at T = -40…125 °C/)
    expect(text).toMatch(/LOT24-07-012 2 4 FAIL load_regulation_pct = 1\.\d+ % at T = -40 °C, V_in = 4 V/)
    expect(text).toContain('LOT24-07-001 1 1 PASS')
    expect(text).toContain('Method accuracy')
    for (const a of summary.accuracy) {
      const row = [a.n, formatCharacteristic(a.meanError), formatCharacteristic(a.stdError)].join(' ')
      expect(text).toContain(`${a.parameter} ${conditionsLabel(a.conditions)} ${row}`)
    }
  })

  it('draws V_out, I_q, dropout at each load and load regulation at each supply against temperature, and histograms with Cpk', async () => {
    const html = await renderer.renderCampaignHtml(summary)
    const titles = [...html.matchAll(/<figcaption class="chart-title">([^<]*)<\/figcaption>/g)].map((m) =>
      (m[1] ?? '').replaceAll('&#x3D;', '='),
    )
    for (const title of [
      'Output voltage vs temperature',
      'Quiescent current vs temperature',
      'Dropout voltage vs temperature at I_load = 100 mA',
      'Dropout voltage vs temperature at I_load = 300 mA',
      'Load regulation vs temperature at V_in = 4 V',
      'Load regulation vs temperature at V_in = 5 V',
      'Output voltage tempco at T = -40…125 °C',
    ])
      expect(titles).toContain(title)
    expect(html).toContain('>16 DUTs<')
    expect(html).toMatch(/>Cpk \d+\.\d\d/)
    expect(html).not.toContain('<script')
  })

  it('prints HTML in the plan and lot names as text', async () => {
    const hostile = sampleCampaignSummary({
      name: '<script>alert(1)</script> <b>bold</b> & co',
      lotName: 'LOT<i>7</i>',
    })
    const html = await renderer.renderCampaignHtml(hostile)
    expect(html).not.toContain('<script>alert')
    expect(html).not.toContain('<b>bold</b>')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    const file = join(dir, 'hostile.pdf')
    await renderer.renderCampaign(hostile, file)
    const text = flat(pdfText(file))
    expect(text).toContain('<script>alert(1)</script> <b>bold</b> & co')
    expect(text).toContain('LOT<i>7</i>-001')
  })

  it('reports a campaign in progress: no yield yet, pending DUTs, no method accuracy on hardware', async () => {
    const running = sampleCampaignSummary({ pointsDone: 20, hardware: true })
    const file = join(dir, 'running.pdf')
    const result = await renderer.renderCampaign(running, file)
    const text = flat(pdfText(file))
    expect(text).toContain('IN PROGRESS')
    expect(text).toContain('The campaign is running; no DUT is complete yet so far.')
    expect(text).toContain('Points 20 of 56')
    expect(text).toContain('PENDING')
    expect(text).not.toContain('Method accuracy')
    expect(result.pages).toBe(pdfInfoPages(file))
  })

  it('names its file after the lot and the campaign', () => {
    const name = defaultCampaignReportFileName(summary.campaign, new Date('2026-03-09T10:11:12Z'))
    expect(name).toBe('campaign_LOT24-07_7c1d52e0_20260309-101112.pdf')
  })
})
