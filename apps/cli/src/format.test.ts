import type { ResultRecord } from '@dvt/storage'
import { describe, expect, it } from 'vitest'
import {
  formatDuration,
  formatTime,
  formatValue,
  RESULT_HEADER,
  resultRows,
  resultsTable,
  table,
  verdictWord,
} from './format'

describe('table', () => {
  it('left-aligns columns two spaces apart under a rule, without trailing spaces', () => {
    const text = table(
      ['id', 'test', 'status'],
      [
        ['abcd1234', 'tempco', 'failed'],
        ['0f00ba11', 'load_regulation', 'passed'],
      ],
    )
    expect(text).toBe(
      [
        'id        test             status',
        '────────  ───────────────  ──────',
        'abcd1234  tempco           failed',
        '0f00ba11  load_regulation  passed',
      ].join('\n'),
    )
  })

  it('does not pad the last column, and a short or empty last cell leaves no trailing space', () => {
    const text = table(
      ['a', 'note'],
      [
        ['x', ''],
        ['y', 'a longer note'],
      ],
    )
    expect(text.split('\n')).toEqual(['a  note', '─  ─────────────', 'x', 'y  a longer note'])
  })

  it('treats a missing cell as empty', () => {
    expect(table(['a', 'b', 'c'], [['1']]).split('\n')).toEqual(['a  b  c', '─  ─  ─', '1'])
  })

  it('is the header and its rule when there are no rows', () => {
    expect(table(['parameter', 'value'], [])).toBe('parameter  value\n─────────  ─────')
  })
})

describe('formatTime', () => {
  it('shows an ISO time in local time to the second', () => {
    const local = new Date(2026, 10, 24, 22, 17, 9, 650)
    expect(formatTime(local.toISOString())).toBe('2026-11-24 22:17:09')
    expect(formatTime(new Date(2027, 0, 2, 3, 4, 5).toISOString())).toBe('2027-01-02 03:04:05')
  })

  it('shows a missing time as a dash', () => {
    expect(formatTime(null)).toBe('—')
    expect(formatTime('')).toBe('—')
  })
})

describe('formatDuration', () => {
  const startedAt = '2026-01-01T00:00:00.000Z'
  const after = (ms: number) => ({ startedAt, completedAt: new Date(Date.parse(startedAt) + ms).toISOString() })

  it.each([
    { ms: 0, shown: '0.0 s' },
    { ms: 840, shown: '0.8 s' },
    { ms: 59_900, shown: '59.9 s' },
    { ms: 59_960, shown: '1 min 0 s' },
    { ms: 60_000, shown: '1 min 0 s' },
    { ms: 119_500, shown: '2 min 0 s' },
    { ms: 2_712_400, shown: '45 min 12 s' },
    { ms: 3_725_000, shown: '62 min 5 s' },
  ])('$ms ms is "$shown"', ({ ms, shown }) => {
    expect(formatDuration(after(ms))).toBe(shown)
  })

  it('shows a run that has not completed as a dash', () => {
    expect(formatDuration({ startedAt, completedAt: null })).toBe('—')
  })
})

describe('formatValue', () => {
  it.each([
    { value: 3.300012345, shown: '3.300012' },
    { value: 50, shown: '50' },
    { value: -0.5, shown: '-0.5' },
    { value: 0, shown: '0' },
    { value: 0.0001, shown: '0.0001' },
    { value: 1234567.8, shown: '1234568' },
    { value: 0.000042, shown: '4.2000e-5' },
    { value: -12_345_678, shown: '-1.2346e+7' },
    { value: Number.NaN, shown: 'NaN' },
    { value: Number.POSITIVE_INFINITY, shown: 'Infinity' },
    { value: null, shown: '—' },
  ])('$value is "$shown"', ({ value, shown }) => {
    expect(formatValue(value)).toBe(shown)
  })
})

describe('result rows', () => {
  const results: ResultRecord[] = [
    {
      parameter: 'tempco_ppm_per_c',
      value: 152.41234,
      unit: 'ppm/°C',
      lowerLimit: -100,
      upperLimit: 100,
      passed: false,
      socket: null,
    },
    {
      parameter: 'vout_25c',
      value: 3.3000123,
      unit: 'V',
      lowerLimit: 3.25,
      upperLimit: 3.35,
      passed: true,
      socket: null,
    },
    { parameter: 'iq_85c_ua', value: 61.2, unit: 'µA', lowerLimit: null, upperLimit: null, passed: null, socket: null },
  ]

  it('are parameter, value, unit, limits and the verdict word', () => {
    expect(resultRows(results)).toEqual([
      ['tempco_ppm_per_c', '152.4123', 'ppm/°C', '-100', '100', 'FAIL'],
      ['vout_25c', '3.300012', 'V', '3.25', '3.35', 'PASS'],
      ['iq_85c_ua', '61.2', 'µA', '—', '—', 'INFO'],
    ])
  })

  it('make the results table under RESULT_HEADER', () => {
    expect(table(RESULT_HEADER, resultRows(results))).toBe(
      [
        'parameter         value     unit    lower  upper  verdict',
        '────────────────  ────────  ──────  ─────  ─────  ───────',
        'tempco_ppm_per_c  152.4123  ppm/°C  -100   100    FAIL',
        'vout_25c          3.300012  V       3.25   3.35   PASS',
        'iq_85c_ua         61.2      µA      —      —      INFO',
      ].join('\n'),
    )
  })

  it('have no socket column when every result is of one DUT', () => {
    expect(resultsTable(results)).toBe(table(RESULT_HEADER, resultRows(results)))
    const oneSocket = results.map((r) => ({ ...r, socket: 4 }))
    expect(resultsTable(oneSocket)).toBe(table(RESULT_HEADER, resultRows(oneSocket)))
  })

  it('have a socket column first when they are of more than one socket', () => {
    const board = [
      { ...results[1]!, socket: 1 },
      { ...results[1]!, socket: 2, value: 3.4, passed: false },
      { ...results[2]!, socket: null },
    ]
    expect(resultsTable(board)).toBe(
      [
        'socket  parameter  value     unit  lower  upper  verdict',
        '──────  ─────────  ────────  ────  ─────  ─────  ───────',
        '1       vout_25c   3.300012  V     3.25   3.35   PASS',
        '2       vout_25c   3.4       V     3.25   3.35   FAIL',
        '—       iq_85c_ua  61.2      µA    —      —      INFO',
      ].join('\n'),
    )
  })

  it('call a measurement without limits INFO', () => {
    expect([verdictWord(true), verdictWord(false), verdictWord(null)]).toEqual(['PASS', 'FAIL', 'INFO'])
  })
})
