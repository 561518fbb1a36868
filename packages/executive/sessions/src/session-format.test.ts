import { describe, expect, it } from 'vitest'
import { exchangeLine, type SessionExchange, sessionPath } from './session-format'

const base: SessionExchange = {
  type: 'exchange',
  seq: 7,
  role: 'dmm',
  kind: 'query',
  sent: 'READ?;:SYST:ERR?',
  received: '+3.29500000E+00;+0,"No error"',
  t_ms: 12.345,
  dur_ms: 0.101,
  sim_s: 2689.8,
  error: null,
}

describe('exchange lines', () => {
  it.each<[string, Partial<SessionExchange>]>([
    ['a query', {}],
    ['a write', { kind: 'write', sent: 'INP OFF', received: null }],
    [
      'a failure',
      { received: null, error: { code: 'TRANSPORT_TIMEOUT', message: 'did not answer "READ?" — "raise" it' } },
    ],
    ['no simulated time yet', { sim_s: null, seq: 0, t_ms: 0, dur_ms: 0 }],
    ['text that needs escaping', { sent: 'SYST:TEXT "a\\b\tc"', received: 'µ°\u0001"' }],
    ['a value that is not finite', { sim_s: Number.NaN }],
  ])('are exactly JSON.stringify of the exchange: %s', (_, change) => {
    const exchange = { ...base, ...change }
    expect(exchangeLine(exchange)).toBe(JSON.stringify(exchange))
    expect(JSON.parse(exchangeLine(exchange))).toEqual(JSON.parse(JSON.stringify(exchange)))
  })

  it('live at <measurements>/sessions/run_<id>.ndjson.gz', () => {
    expect(sessionPath('/data/m', 'abc')).toBe('/data/m/sessions/run_abc.ndjson.gz')
  })
})
