import type { ResultRecord } from '@dvt/storage/records'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { ResultsTable } from '../web/src/features/results/components/run-sections'

const result = (socket: number | null, value: number): ResultRecord => ({
  parameter: 'vout_v',
  value,
  unit: 'V',
  lowerLimit: 3.2,
  upperLimit: 3.4,
  passed: value <= 3.4,
  socket,
})

const headings = (html: string) => [...html.matchAll(/<th[^>]*>([^<]*)<\/th>/g)].map((m) => m[1])
const table = (results: ResultRecord[]) => renderToStaticMarkup(createElement(ResultsTable, { results }))

describe('the run detail’s results table', () => {
  it('has no Socket column for a run of one DUT, as before', () => {
    expect(headings(table([result(null, 3.3)]))).toEqual([
      'Parameter',
      'Value',
      'Lower limit',
      'Upper limit',
      'Verdict',
    ])
    expect(headings(table([result(5, 3.3)]))).not.toContain('Socket')
  })

  it('has a Socket column first when the results are of more than one socket, one row each', () => {
    const html = table([result(1, 3.301), result(2, 3.45), result(16, 3.299)])
    expect(headings(html)[0]).toBe('Socket')
    const sockets = [...html.matchAll(/<tr><td class="num">(\d+)<\/td><td class="mono">vout_v<\/td>/g)].map((m) => m[1])
    expect(sockets).toEqual(['1', '2', '16'])
  })
})
