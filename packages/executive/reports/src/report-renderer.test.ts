import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ResultRecord } from '@dvt/storage'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatNumber } from './internal/format'
import type { ReportData } from './report-data'
import { ReportError } from './report-error'
import { createReportRenderer, type ReportRenderer, reportRendererOptions } from './report-renderer'
import { pdfInfoPages, pdfText } from './testing/pdf-tools'
import { sampleEvents, sampleLoadRegulationData, sampleTempcoData } from './testing/sample-report-data'

let dir: string
let renderer: ReportRenderer
const warnings: string[] = []

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dvt-reports-test-'))
  renderer = createReportRenderer({ companyName: 'Acme Power Devices', onWarning: (m) => warnings.push(m) })
})

afterAll(async () => {
  await renderer?.close()
  await rm(dir, { recursive: true, force: true })
})

/** Text with runs of whitespace collapsed, so table layout does not matter to the assertions. */
const flat = (text: string): string => text.replace(/\s+/g, ' ')

function expectEveryResult(text: string, results: readonly ResultRecord[]): void {
  for (const r of results) {
    expect(text).toContain(r.parameter)
    expect(text).toContain(formatNumber(r.value))
  }
}

describe('render', () => {
  it('prints a tempco run: metadata, verdict, every result, the fitted slope, page numbers', async () => {
    const data = sampleTempcoData()
    const file = join(dir, 'tempco.pdf')
    const result = await renderer.render(data, file)
    const bytes = await readFile(file)
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(result).toMatchObject({ path: file, bytes: bytes.byteLength, warnings: [] })
    expect(result.pages).toBe(pdfInfoPages(file))
    expect(result.pages).toBeGreaterThanOrEqual(1)
    const text = flat(pdfText(file))
    for (const s of [data.run.id, 'LDO-33-000142', 'PASSED', 'j.moreau', 'virtual-bench-1', '0.1.0']) {
      expect(text).toContain(s)
    }
    expectEveryResult(text, data.results)
    expect(text).toContain('Output voltage vs temperature')
    expect(text).toMatch(/Slope 50\.0\d ppm\/°C/)
    expect(text).toContain('Acme Power Devices')
    expect(text).toContain(`Page 1 of ${result.pages}`)
  })

  it('prints a failed non-tempco run with its measured curve against the swept load current', async () => {
    const base = sampleLoadRegulationData()
    const results: ResultRecord[] = [
      ...base.results,
      {
        parameter: 'vout_drop_mv',
        value: 182.5,
        unit: 'mV',
        lowerLimit: null,
        upperLimit: 100,
        passed: false,
        socket: null,
      },
    ]
    const data: ReportData = { ...base, run: { ...base.run, status: 'failed' }, results }
    const file = join(dir, 'load.pdf')
    const result = await renderer.render(data, file)
    const text = flat(pdfText(file))
    expect(text).toContain('FAILED')
    expect(text).toContain('1 of 3 judged results outside their limits: vout_drop_mv.')
    expect(text).toContain(data.run.id)
    expect(text).toContain('LDO-33-000142')
    expectEveryResult(text, results)
    expect(text).toContain('Output voltage vs load current')
    expect(text).toContain('Load current (mA)')
    expect(text).not.toContain('Slope')
    expect(result.pages).toBe(pdfInfoPages(file))
  })

  it('prints an error run with its status reason', async () => {
    const base = sampleTempcoData()
    const reason = 'the multimeter stopped answering at 127.0.0.1:5003'
    const data: ReportData = { ...base, run: { ...base.run, status: 'error', statusReason: reason } }
    const file = join(dir, 'error.pdf')
    await renderer.render(data, file)
    const text = flat(pdfText(file))
    expect(text).toContain('ERROR')
    expect(text).toContain(reason)
  })

  it('has a Socket column when the run measured several sockets, and none for one DUT', async () => {
    const base = sampleLoadRegulationData()
    expect(await renderer.renderHtml(base)).not.toContain('<th class="num">Socket</th>')
    const results = [3, 11].flatMap((socket) => base.results.map((r) => ({ ...r, socket })))
    const html = await renderer.renderHtml({ ...base, results })
    expect(html).toContain('<th class="num">Socket</th>')
    expect(html.match(/<td class="num">11<\/td><td class="param">/g)).toHaveLength(base.results.length)
  })

  it('prints markup in run fields as text and runs no script', async () => {
    const hostile = '<script>alert(1)</script>'
    const base = sampleTempcoData()
    const data: ReportData = {
      ...base,
      run: { ...base.run, description: hostile, operator: '<img src=x onerror=alert(2)>', dutSerial: 'A&B "1"' },
      events: [{ time: base.run.startedAt, simTime: 0, level: 'warn', message: '<b>bold?</b>' }],
    }
    const html = await renderer.renderHtml(data)
    expect(html).not.toMatch(/<script/i)
    expect(html).not.toMatch(/<img src=x/i)
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    const file = join(dir, 'hostile.pdf')
    await renderer.render(data, file)
    const text = flat(pdfText(file))
    expect(text).toContain(hostile)
    expect(text).toContain('<img src=x onerror=alert(2)>')
    expect(text).toContain('A&B "1"')
    expect(text).toContain('<b>bold?</b>')
  })

  it('spreads a long run over several pages, each numbered, the tables keeping their headers', async () => {
    const base = sampleTempcoData()
    const results: ResultRecord[] = Array.from({ length: 60 }, (_, i) => ({
      parameter: `channel_${String(i).padStart(2, '0')}_offset_uv`,
      value: 10 + i * 0.25,
      unit: 'µV',
      lowerLimit: -50,
      upperLimit: 50,
      passed: true,
      socket: null,
    }))
    const data: ReportData = { ...base, results, events: sampleEvents(400) }
    const file = join(dir, 'long.pdf')
    const result = await renderer.render(data, file)
    expect(result.pages).toBe(pdfInfoPages(file))
    expect(result.pages).toBeGreaterThanOrEqual(5)
    for (let page = 1; page <= result.pages; page++) {
      const text = flat(pdfText(file, page))
      expect(text).toContain(`Page ${page} of ${result.pages}`)
      expect(text).toContain(`Acme Power Devices · Run ${data.run.id}`)
    }
    const all = flat(pdfText(file))
    expectEveryResult(all, results)
    const eventHeaders = all.match(/SIM TIME \(S\)/g)?.length ?? 0
    expect(eventHeaders).toBeGreaterThanOrEqual(3)
  })

  it('renders reports asked for at the same time, one after another', async () => {
    const files = ['a', 'b', 'c'].map((n) => join(dir, `concurrent-${n}.pdf`))
    const results = await Promise.all(files.map((f) => renderer.render(sampleLoadRegulationData(), f)))
    for (const [i, r] of results.entries()) {
      expect(r.path).toBe(files[i])
      expect((await readFile(r.path)).subarray(0, 5).toString('latin1')).toBe('%PDF-')
    }
  })
})

describe('failures', () => {
  it('leaves no file when the PDF cannot be moved into place', async () => {
    const out = join(dir, 'failed')
    await mkdir(join(out, 'report.pdf'), { recursive: true })
    const error = await renderer.render(sampleTempcoData(), join(out, 'report.pdf')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ReportError)
    expect((error as ReportError).code).toBe('REPORT_WRITE_FAILED')
    expect(await readdir(out)).toEqual(['report.pdf'])
    const after = await renderer.render(sampleTempcoData(), join(out, 'next.pdf'))
    expect(after.pages).toBeGreaterThan(0)
  })

  it('stops a render that exceeds its timeout and leaves no file', async () => {
    const out = await mkdtemp(join(dir, 'timeout-'))
    const slow = createReportRenderer({ companyName: 'Acme', timeoutMs: 1 })
    try {
      const error = await slow.render(sampleTempcoData(), join(out, 'r.pdf')).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(ReportError)
      expect((error as ReportError).code).toBe('REPORT_TIMEOUT')
      expect(await readdir(out)).toEqual([])
    } finally {
      await slow.close()
    }
  })

  it('names the install command and the config key when Chromium is missing', async () => {
    const out = await mkdtemp(join(dir, 'missing-'))
    const broken = createReportRenderer({ companyName: 'Acme', chromiumPath: '/nonexistent/chromium' })
    try {
      const error = await broken.render(sampleTempcoData(), join(out, 'r.pdf')).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(ReportError)
      expect((error as ReportError).code).toBe('REPORT_CHROMIUM_MISSING')
      expect((error as ReportError).message).toBe(
        'Chromium was not found at "/nonexistent/chromium": install it with ' +
          '"apt-get install -y --no-install-recommends chromium" or set reporting.chromium_path to the Chromium executable.',
      )
      expect(await readdir(out)).toEqual([])
    } finally {
      await broken.close()
    }
  })

  it('refuses to render after close', async () => {
    const closed = createReportRenderer({ companyName: 'Acme' })
    await closed.close()
    const error = await closed.render(sampleTempcoData(), join(dir, 'closed.pdf')).catch((e: unknown) => e)
    expect((error as ReportError).code).toBe('REPORT_CLOSED')
  })
})

describe('logo', () => {
  // A 1×1 PNG.
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  )

  it('embeds a logo file as a data URI', async () => {
    const logoPath = join(dir, 'logo.png')
    await writeFile(logoPath, png)
    const withLogo = createReportRenderer({ companyName: 'Acme', logoPath })
    const html = await withLogo.renderHtml(sampleTempcoData())
    await withLogo.close()
    expect(html).toContain(`src="data:image/png;base64,${png.toString('base64').replace(/=/g, '&#x3D;')}"`)
  })

  it('warns about a missing logo and prints the report without it', async () => {
    const seen: string[] = []
    const noLogo = createReportRenderer({
      companyName: 'Acme',
      logoPath: join(dir, 'nope.png'),
      onWarning: (m) => seen.push(m),
    })
    try {
      const result = await noLogo.render(sampleTempcoData(), join(dir, 'no-logo.pdf'))
      expect(result.pages).toBeGreaterThan(0)
      expect(result.warnings).toEqual([
        `logo "${join(dir, 'nope.png')}" does not exist; printing no logo (check reporting.logo_path)`,
      ])
      expect(seen).toEqual(result.warnings)
    } finally {
      await noLogo.close()
    }
    expect(warnings).toEqual([])
  })
})

describe('includeCharts', () => {
  it('leaves the measurement charts out when switched off', async () => {
    const plain = createReportRenderer({ companyName: 'Acme', includeCharts: false })
    const html = await plain.renderHtml(sampleTempcoData())
    await plain.close()
    expect(html).not.toContain('<svg')
    expect(await renderer.renderHtml(sampleTempcoData())).toContain('<svg')
  })
})

describe('reportRendererOptions', () => {
  it('maps the config reporting section', async () => {
    const options = reportRendererOptions({
      company_name: 'Acme',
      logo_path: null,
      include_charts: false,
      chromium_path: '/opt/chromium',
      timeout_s: 12,
    })
    expect(options).toEqual({
      companyName: 'Acme',
      logoPath: null,
      includeCharts: false,
      chromiumPath: '/opt/chromium',
      timeoutMs: 12_000,
    })
  })
})
