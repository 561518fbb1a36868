import { describe, expect, it } from 'vitest'
import { channelsOf, formatChannelList, formatNumber, parseErrorEntry, parseNumberList } from './scpi-format'

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

describe('formatChannelList', () => {
  it('writes channels and ranges', () => {
    expect(formatChannelList(1)).toBe('(@1)')
    expect(formatChannelList([1, 3])).toBe('(@1,3)')
    expect(formatChannelList([[101, 108]])).toBe('(@101:108)')
    expect(formatChannelList([[101, 104], 110])).toBe('(@101:104,110)')
  })

  it('lists the channels a list names, ranges expanded in their direction', () => {
    expect(channelsOf(103)).toEqual([103])
    expect(channelsOf([[101, 103], 110])).toEqual([101, 102, 103, 110])
    expect(channelsOf([[103, 101]])).toEqual([103, 102, 101])
  })

  it('refuses empty lists and channels that are not whole numbers', () => {
    expect(() => formatChannelList([])).toThrow(/empty/)
    expect(() => formatChannelList(1.5)).toThrow(/channel 1.5/)
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
})
