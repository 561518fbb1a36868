import { describe, expect, it } from 'vitest'
import { replayMode } from './recorded-session'

describe('dvt replay options', () => {
  it('strict unless --lenient; both at once is one sentence', () => {
    expect(replayMode({})).toBe('strict')
    expect(replayMode({ strict: true })).toBe('strict')
    expect(replayMode({ lenient: true })).toBe('lenient')
    expect(() => replayMode({ strict: true, lenient: true })).toThrow('choose one of --strict and --lenient, not both')
  })
})
