import { describe, expect, it } from 'vitest'
import { formatDateTime, formatDuration, formatNumber, formatTimeOfDay } from './format'

describe('formatNumber', () => {
  it('prints six significant digits without float noise', () => {
    expect(formatNumber(3.2949876543)).toBe('3.29499')
    expect(formatNumber(0.1 + 0.2)).toBe('0.3')
    expect(formatNumber(-100)).toBe('-100')
    expect(formatNumber(0)).toBe('0')
    expect(formatNumber(49.8712, 4)).toBe('49.87')
  })

  it('switches to an exponent for very small and very large magnitudes', () => {
    expect(formatNumber(4.2e-5)).toBe('4.2e-5')
    expect(formatNumber(1.5e9)).toBe('1.5e+9')
  })

  it('names values that are not numbers', () => {
    expect(formatNumber(Number.NaN)).toBe('n/a')
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('+inf')
  })
})

describe('dates', () => {
  it('prints UTC date-times, times of day and durations', () => {
    expect(formatDateTime('2026-03-02T09:14:05.000Z')).toBe('2026-03-02 09:14:05 UTC')
    expect(formatDateTime(null)).toBe('\u2014')
    expect(formatTimeOfDay('2026-03-02T09:14:05.250Z')).toBe('09:14:05.250')
    expect(formatDuration('2026-03-02T09:14:05Z', '2026-03-02T09:14:09.200Z')).toBe('4.2 s')
    expect(formatDuration('2026-03-02T09:14:05Z', '2026-03-02T10:01:29Z')).toBe('47 min 24 s')
    expect(formatDuration('2026-03-02T09:00:00Z', '2026-03-02T10:02:05Z')).toBe('1 h 02 min 05 s')
    expect(formatDuration('2026-03-02T09:00:00Z', null)).toBe('\u2014')
  })
})
