import { describe, expect, it } from 'vitest'
import { formatBoolean, formatNR1, formatNR2, formatNR3, formatString } from './format'

describe('formatNR3', () => {
  it.each([
    [1.23456789, '+1.23456789E+00'],
    [1.234567894, '+1.23456789E+00'],
    [10, '+1.00000000E+01'],
    [3e-6, '+3.00000000E-06'],
    [-0.0025, '-2.50000000E-03'],
    [0, '+0.00000000E+00'],
    [-0, '+0.00000000E+00'],
    [5.000000005, '+5.00000001E+00'],
    [1.5e100, '+1.50000000E+100'],
    [Number.POSITIVE_INFINITY, '+9.90000000E+37'],
    [Number.NEGATIVE_INFINITY, '-9.90000000E+37'],
    [Number.NaN, '+9.91000000E+37'],
  ])('%d → %s', (value, text) => {
    expect(formatNR3(value)).toBe(text)
  })

  it('round-trips through Number to 9 significant digits', () => {
    for (const v of [Math.PI, -Math.E * 1e-9, 4.99987654321, 1 / 3]) {
      expect(Number(formatNR3(v))).toBeCloseTo(v, 8 - Math.floor(Math.log10(Math.abs(v))))
    }
  })
})

describe('formatNR1', () => {
  it.each([
    [0, '+0'],
    [-0, '+0'],
    [5, '+5'],
    [-113, '-113'],
    [2.6, '+3'],
    [65535, '+65535'],
  ])('%d → %s', (value, text) => {
    expect(formatNR1(value)).toBe(text)
  })
})

describe('formatNR2', () => {
  it('writes fixed decimals without a forced sign', () => {
    expect(formatNR2(25.3)).toBe('25.300')
    expect(formatNR2(-40, 1)).toBe('-40.0')
    expect(formatNR2(5, 6)).toBe('5.000000')
    expect(formatNR2(-0.0001, 3)).toBe('0.000')
  })
})

describe('formatBoolean and formatString', () => {
  it('answers booleans as 1/0', () => {
    expect(formatBoolean(true)).toBe('1')
    expect(formatBoolean(false)).toBe('0')
  })

  it('quotes strings and doubles embedded quotes', () => {
    expect(formatString('VOLT')).toBe('"VOLT"')
    expect(formatString('say "hi"')).toBe('"say ""hi"""')
  })
})
