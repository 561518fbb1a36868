import { describe, expect, it } from 'vitest'
import { createMultiChannelLoad, type LoadChannel, type MultiChannelLoad } from './multi-channel-load'
import { expectCase, type ProtocolCase, titledCases } from './testing/protocol-case'
import { expectProtocol, NO_ERROR } from './testing/scripted-transport'

const cases: ProtocolCase<MultiChannelLoad>[] = [
  { method: 'selectChannel', args: [3], wire: [['INST:NSEL 3;:SYST:ERR?', NO_ERROR]] },
  { method: 'selectedChannel', wire: [['INST:NSEL?;:SYST:ERR?', '+3;' + NO_ERROR]], result: 3 },
  // The single-channel methods stay as they were: they act on the selected channel.
  { method: 'setCurrent', args: [0.1], wire: [['CURR 0.1;:SYST:ERR?', NO_ERROR]] },
  { method: 'setInput', args: [false], wire: [['INP OFF;:SYST:ERR?', NO_ERROR]] },
]

/** One call on channel `n` of the load, with the exact lines it exchanges. */
type ChannelCase = ProtocolCase<LoadChannel> & { channel: number }

const channelCases: ChannelCase[] = [
  // Channel 1 sends exactly the single-channel lines.
  { channel: 1, method: 'setCurrent', args: [0.1], wire: [['CURR 0.1;:SYST:ERR?', NO_ERROR]] },
  { channel: 1, method: 'setInput', args: [true], wire: [['INP ON;:SYST:ERR?', NO_ERROR]] },
  {
    channel: 1,
    method: 'configure',
    args: [{ function: 'CURR', current: 0.1, input: true }],
    wire: [['FUNC CURR;:CURR 0.1;:INP ON;:SYST:ERR?', NO_ERROR]],
  },
  {
    channel: 1,
    method: 'measureCurrent',
    wire: [['MEAS:CURR?;:SYST:ERR?', '+1.00000000E-01;' + NO_ERROR]],
    result: 0.1,
  },
  // Any other channel: channel lists, as the multi-channel Keysight loads take them.
  { channel: 3, method: 'setFunction', args: ['RES'], wire: [['FUNC RES,(@3);:SYST:ERR?', NO_ERROR]] },
  { channel: 3, method: 'setCurrent', args: [0.25], wire: [['CURR 0.25,(@3);:SYST:ERR?', NO_ERROR]] },
  { channel: 3, method: 'setResistance', args: [33], wire: [['RES 33,(@3);:SYST:ERR?', NO_ERROR]] },
  { channel: 8, method: 'setInput', args: [false], wire: [['INP OFF,(@8);:SYST:ERR?', NO_ERROR]] },
  {
    channel: 3,
    method: 'configure',
    args: [{ function: 'CURR', current: 0.1, input: true }],
    wire: [['FUNC CURR,(@3);:CURR 0.1,(@3);:INP ON,(@3);:SYST:ERR?', NO_ERROR]],
  },
  { channel: 3, method: 'configure', args: [{}], wire: [] },
  {
    channel: 3,
    method: 'measureVoltage',
    wire: [['MEAS:VOLT? (@3);:SYST:ERR?', '+3.29500000E+00;' + NO_ERROR]],
    result: 3.295,
  },
  {
    channel: 16,
    method: 'measureCurrent',
    wire: [['MEAS:CURR? (@16);:SYST:ERR?', '+1.00000000E-01;' + NO_ERROR]],
    result: 0.1,
  },
  {
    channel: 3,
    method: 'measurePower',
    wire: [['MEAS:POW? (@3);:SYST:ERR?', '+3.29500000E-01;' + NO_ERROR]],
    result: 0.3295,
  },
]

describe('multi-channel electronic load protocol', () => {
  it.each(titledCases(cases))('%s', (_, c) => expectCase(createMultiChannelLoad, c))

  it.each(channelCases.map((c) => [`channel ${c.channel}: ${titledCases([c])[0]![0]}`, c] as const))('%s', (_, c) =>
    expectCase((transport) => createMultiChannelLoad(transport).channel(c.channel), c),
  )

  it('knows its channel numbers and refuses one that cannot exist', async () => {
    await expectProtocol(createMultiChannelLoad, [], async (load) => {
      expect(load.channel(1).number).toBe(1)
      expect(load.channel(5).number).toBe(5)
      expect(() => load.channel(0)).toThrow('the load has no channel 0')
      expect(() => load.channel(1.5)).toThrow(RangeError)
    })
  })
})
