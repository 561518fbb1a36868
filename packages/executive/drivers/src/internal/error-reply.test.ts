import { describe, expect, it } from 'vitest'
import { splitErrorReply } from './error-reply'

describe('splitErrorReply', () => {
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
