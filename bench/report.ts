// `pnpm bench report`: PDF report time for a realistic tempco run (6 points × 10 readings, 30 events).
// cold = a new renderer, Chromium start included; warm = later renders with the same renderer (median of 5).
// Also the HTML alone with and without its chart (median of 20 each, after the renders): what drawing the chart with
// @dvt/charts and react-dom/server costs a report. The first render includes loading the chart module.
// Also writes page 1 of the sample report to docs/report-page1.png (pdftoppm -png -r 80 -f 1 -l 1).
// Then the datasheet-style campaign PDF (docs/campaigns.md) of the shipped plan's lot (32 DUTs, 8 sockets, 4
// temperatures, every step, truths): cold with a new renderer, warm median of 5; its page 1 → docs/campaign-page1.png.
// Last line: report_cold_ms=<n> report_warm_ms=<n> charts_ms=<n> campaign_cold_ms=<n> campaign_warm_ms=<n>
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createReportRenderer, type ReportData } from '@dvt/reports'
import { sampleCampaignSummary, sampleTempcoData } from '@dvt/reports/testing'

const WARM_RUNS = 5
const HTML_RUNS = 20
const COLD_TARGET_MS = 3000
const WARM_TARGET_MS = 700
const CAMPAIGN_TARGET_MS = 5000

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

/** Median wall time of building the report's HTML with `renderer`. */
async function htmlMedian(renderer: ReturnType<typeof createReportRenderer>, data: ReportData): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < HTML_RUNS; i++) {
    const start = performance.now()
    await renderer.renderHtml(data)
    times.push(performance.now() - start)
  }
  return median(times)
}

/** The campaign PDF: a new renderer (Chromium start included), then later renders with it. */
async function campaignTimes(dir: string) {
  const summary = sampleCampaignSummary({ lotSize: 32, sockets: 8 })
  const renderer = createReportRenderer({ companyName: 'Acme Power Devices' })
  try {
    const coldStart = performance.now()
    const first = await renderer.renderCampaign(summary, join(dir, 'campaign-cold.pdf'))
    const cold = performance.now() - coldStart
    const warm: number[] = []
    for (let i = 0; i < WARM_RUNS; i++) {
      const start = performance.now()
      await renderer.renderCampaign(summary, join(dir, `campaign-warm-${i}.pdf`))
      warm.push(performance.now() - start)
    }
    const png = resolve(import.meta.dirname, '..', 'docs', 'campaign-page1')
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', first.path, png])
    return { summary, first, cold, warm }
  } finally {
    await renderer.close()
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dvt-bench-report-'))
  const data = sampleTempcoData({ readings: 10, events: 30 })
  const renderer = createReportRenderer({ companyName: 'Acme Power Devices' })
  try {
    const coldStart = performance.now()
    const first = await renderer.render(data, join(dir, 'cold.pdf'))
    const cold = performance.now() - coldStart
    const warm: number[] = []
    for (let i = 0; i < WARM_RUNS; i++) {
      const start = performance.now()
      await renderer.render(data, join(dir, `warm-${i}.pdf`))
      warm.push(performance.now() - start)
    }
    const warmMedian = median(warm)
    const plain = createReportRenderer({ companyName: 'Acme Power Devices', includeCharts: false })
    const withChart = await htmlMedian(renderer, data)
    const withoutChart = await htmlMedian(plain, data)
    await plain.close()
    const charts = withChart - withoutChart
    const png = resolve(import.meta.dirname, '..', 'docs', 'report-page1')
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', first.path, png])
    console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, node ${process.version}`)
    console.log(`sample: tempco, ${data.measurements.length} rows, ${data.events.length} events`)
    console.log(`report: ${first.pages} pages, ${first.bytes} bytes; page 1 → docs/report-page1.png`)
    console.log(`cold (Chromium start + render): ${cold.toFixed(0)} ms (target < ${COLD_TARGET_MS})`)
    console.log(`warm (same renderer), runs: ${warm.map((w) => w.toFixed(0)).join(', ')} ms`)
    console.log(`warm median of ${WARM_RUNS}: ${warmMedian.toFixed(0)} ms (target < ${WARM_TARGET_MS})`)
    console.log(
      `HTML median of ${HTML_RUNS}: ${withChart.toFixed(1)} ms with the chart, ${withoutChart.toFixed(1)} ms without ` +
        `(the chart: ${charts.toFixed(1)} ms)`,
    )
    const campaign = await campaignTimes(dir)
    const campaignWarm = median(campaign.warm)
    const { duts, results, statistics } = campaign.summary
    console.log(
      `campaign: ${duts.length} DUTs, ${results.length} results, ${statistics.length} characteristics rows; ` +
        `${campaign.first.pages} pages, ${campaign.first.bytes} bytes; page 1 → docs/campaign-page1.png`,
    )
    console.log(
      `campaign cold (Chromium start + render): ${campaign.cold.toFixed(0)} ms (target < ${CAMPAIGN_TARGET_MS})`,
    )
    console.log(`campaign warm, runs: ${campaign.warm.map((w) => w.toFixed(0)).join(', ')} ms`)
    console.log(`campaign warm median of ${WARM_RUNS}: ${campaignWarm.toFixed(0)} ms (target < ${CAMPAIGN_TARGET_MS})`)
    console.log(
      `report_cold_ms=${Math.round(cold)} report_warm_ms=${Math.round(warmMedian)} charts_ms=${charts.toFixed(1)} ` +
        `campaign_cold_ms=${Math.round(campaign.cold)} campaign_warm_ms=${Math.round(campaignWarm)}`,
    )
  } finally {
    await renderer.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
