import { describe, expect, it } from 'vitest'
import { exchangeRaw } from './raw-exchange'
import { createScriptedTransport } from './testing/scripted-transport'

describe('exchangeRaw', () => {
  it('returns a query’s response and an empty error list', async () => {
    const t = createScriptedTransport([
      ['MEAS:VOLT:DC?;*OPC?', '+3.30000000E+00;1'],
      ['SYST:ERR?', '+0,"No error"'],
    ])
    expect(await exchangeRaw(t, 'MEAS:VOLT:DC?')).toEqual({ reply: '+3.30000000E+00', errors: [] })
    t.assertDone()
  })

  it('returns no response for a command', async () => {
    const t = createScriptedTransport([
      ['VOLT 5,(@1);*OPC?', '1'],
      ['SYST:ERR?', '+0,"No error"'],
    ])
    expect(await exchangeRaw(t, 'VOLT 5,(@1)')).toEqual({ reply: null, errors: [] })
    t.assertDone()
  })

  it('does not wait for a failed query: no response, and every queued error in order', async () => {
    const t = createScriptedTransport([
      ['FOO?;*OPC?', '1'],
      ['SYST:ERR?', '-113,"Undefined header"'],
      ['SYST:ERR?', '-222,"Data out of range;setpoint 300 above 200"'],
      ['SYST:ERR?', '+0,"No error"'],
    ])
    expect(await exchangeRaw(t, 'FOO?')).toEqual({
      reply: null,
      errors: [
        { code: -113, message: 'Undefined header' },
        { code: -222, message: 'Data out of range;setpoint 300 above 200' },
      ],
    })
    t.assertDone()
  })

  it('keeps several responses of one line together', async () => {
    const t = createScriptedTransport([
      ['SETP?;TEMP?;*OPC?', '+85.0;84.97;1'],
      ['SYST:ERR?', '+0,"No error"'],
    ])
    expect((await exchangeRaw(t, 'SETP?;TEMP?')).reply).toBe('+85.0;84.97')
    t.assertDone()
  })
})
