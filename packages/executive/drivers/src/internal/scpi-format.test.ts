import { describe, expect, it } from 'vitest'
import { formatNumber, parseErrorEntry, parseNumberList, splitErrorReply } from './scpi-format'

describe('formatNumber', () => {
  it('writes numbers compactly without float noise', () => {
    expect(formatNumber(5)).toBe('5')
    expect(formatNumber(0.1)).toBe('0.1')
    expect(formatNumber(0.1 + 0.2)).toBe('0.3')
    expect(formatNumber(-40)).toBe('-40')
    expect(formatNumber(3.3 - 0.05 * 0.1)).toBe('3.295')
    expect(formatNumber(1e-7)).toBe('1e-7')
  })

  it('refuses non-finite values', () => {
    expect(() => formatNumber(Number.NaN)).toThrow(/NaN/)
    expect(() => formatNumber(Number.POSITIVE_INFINITY)).toThrow(/Infinity/)
  })
})

describe('replies', () => {
  it('parses NR3 lists', () => {
    expect(parseNumberList('+1.00000000E+00,-2.5E-03')).toEqual([1, -0.0025])
  })

  it('parses error entries with doubled quotes', () => {
    expect(parseErrorEntry('-113,"Undefined header"')).toEqual({ code: -113, message: 'Undefined header' })
    expect(parseErrorEntry('+0,"No error"')).toEqual({ code: 0, message: 'No error' })
    expect(parseErrorEntry('-224,"say ""hi"""')).toEqual({ code: -224, message: 'say "hi"' })
    expect(parseErrorEntry('3.3')).toBeNull()
  })

  it('splits data from the appended error entry', () => {
    expect(splitErrorReply('+3.3E+00;+0,"No error"')).toEqual({
      data: '+3.3E+00',
      error: { code: 0, message: 'No error' },
    })
    expect(splitErrorReply('25.0;1;+0,"No error"')).toEqual({ data: '25.0;1', error: { code: 0, message: 'No error' } })
    expect(splitErrorReply('+0,"No error"')).toEqual({ data: null, error: { code: 0, message: 'No error' } })
    expect(splitErrorReply('"VOLT +1.0E+01,+3.0E-06";+0,"No error"').data).toBe('"VOLT +1.0E+01,+3.0E-06"')
    expect(splitErrorReply('no error entry').error).toBeNull()
  })
})
