import type { RunStatus } from '@dvt/storage'
import { describe, expect, it } from 'vitest'
import { sampleTempcoData } from '../testing/sample-report-data'
import { buildReportView, pretty, testTitle } from './report-view'

const view = (status: RunStatus, statusReason: string | null = null) => {
  const data = sampleTempcoData()
  const results = data.results.map((r, i) => (i === 0 && status === 'failed' ? { ...r, passed: false } : r))
  return buildReportView(
    { ...data, results, run: { ...data.run, status, statusReason } },
    { companyName: 'Acme', logoDataUri: null, includeCharts: true, charts: [] },
  )
}

describe('buildReportView', () => {
  it('turns each end status into a verdict banner', () => {
    expect(view('passed').verdict).toEqual({
      kind: 'passed',
      label: 'PASSED',
      text: 'All 3 judged results are within their limits.',
    })
    expect(view('failed').verdict).toMatchObject({ kind: 'failed', label: 'FAILED' })
    expect(view('failed').verdict.text).toBe('1 of 3 judged results outside their limits: tempco_ppm_per_c.')
    expect(view('error', 'the supply tripped').verdict).toEqual({
      kind: 'error',
      label: 'ERROR',
      text: 'the supply tripped',
    })
    expect(view('aborted', 'aborted by the operator (Ctrl-C)').verdict.label).toBe('ABORTED')
    expect(view('running').verdict).toMatchObject({ kind: 'pending', label: 'IN PROGRESS' })
  })

  it('names at most five failed results in the banner', () => {
    const data = sampleTempcoData()
    const results = Array.from({ length: 8 }, (_, i) => ({
      parameter: `p${i}`,
      value: 2,
      unit: 'V',
      lowerLimit: null,
      upperLimit: 1,
      passed: false,
      socket: null,
    }))
    const v = buildReportView(
      { ...data, results, run: { ...data.run, status: 'failed' } },
      { companyName: 'Acme', logoDataUri: null, includeCharts: true, charts: [] },
    )
    expect(v.verdict.text).toBe('8 of 8 judged results outside their limits: p0, p1, p2, p3, p4 and 3 more.')
  })

  it('counts results for the summary cards and badges each row', () => {
    const v = view('failed')
    expect(v.cards.slice(0, 3).map((c) => c.value)).toEqual(['2', '1', '4'])
    expect(v.results.map((r) => r.badgeText)).toEqual(['FAIL', 'PASS', 'PASS', 'INFO'])
    expect(v.results[1]?.lower).toBe('\u2014')
  })

  it('has a Socket column only when the results are of more than one socket', () => {
    expect(view('passed').showSocket).toBe(false)
    expect(view('passed').results[0]?.socket).toBe('\u2014')
    const data = sampleTempcoData()
    const board = data.results.slice(0, 2).flatMap((r) => [1, 8].map((socket) => ({ ...r, socket })))
    const v = buildReportView(
      { ...data, results: board },
      { companyName: 'Acme', logoDataUri: null, includeCharts: true, charts: [] },
    )
    expect(v.showSocket).toBe(true)
    expect(v.results.map((r) => r.socket)).toEqual(['1', '8', '1', '8'])
  })

  it('lists the key configuration sections that the run config has', () => {
    expect(view('passed').configSections.map((s) => s.name)).toEqual([
      'Configuration: dut',
      'Configuration: simulation',
      'Configuration: physics',
      'Configuration: station',
    ])
  })
})

describe('pretty', () => {
  it('indents objects and keeps arrays of plain values on one line', () => {
    expect(pretty({ points: [-40, 25, 85], nested: { a: 'x' }, empty: [] })).toBe(
      '{\n  "points": [-40, 25, 85],\n  "nested": {\n    "a": "x"\n  },\n  "empty": []\n}',
    )
  })
})

describe('testTitle', () => {
  it('names the library tests and tidies unknown names', () => {
    expect(testTitle('tempco')).toBe('Output voltage temperature coefficient')
    expect(testTitle('my_custom-test')).toBe('My custom test')
  })
})
