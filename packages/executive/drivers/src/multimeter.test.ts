import { describe, expect, it } from 'vitest'
import { createMultimeter, type Multimeter } from './multimeter'
import { expectCase, type ProtocolCase, titledCases } from './testing/protocol-case'
import { expectProtocol, NO_ERROR } from './testing/scripted-transport'

const cases: ProtocolCase<Multimeter>[] = [
  { method: 'configureVoltageDc', args: [10], wire: [['CONF:VOLT:DC 10;:SYST:ERR?', NO_ERROR]] },
  { method: 'configureVoltageDc', args: ['AUTO'], wire: [['CONF:VOLT:DC AUTO;:SYST:ERR?', NO_ERROR]] },
  { method: 'setNplc', args: [10], wire: [['VOLT:DC:NPLC 10;:SYST:ERR?', NO_ERROR]] },
  { method: 'setSampleCount', args: [5], wire: [['SAMP:COUN 5;:SYST:ERR?', NO_ERROR]] },
  // Range, NPLC and sample count in one round trip.
  {
    method: 'setupVoltageDc',
    args: [{ range: 10, nplc: 10, samples: 3 }],
    wire: [['CONF:VOLT:DC 10;:VOLT:DC:NPLC 10;:SAMP:COUN 3;:SYST:ERR?', NO_ERROR]],
  },
  // Every sample of a reading.
  {
    method: 'read',
    wire: [['READ?;:SYST:ERR?', '+3.29501000E+00,+3.29502000E+00,+3.29500500E+00;' + NO_ERROR]],
    result: [3.29501, 3.29502, 3.295005],
  },
  { method: 'measureVoltageDc', wire: [['MEAS:VOLT:DC?;:SYST:ERR?', '+3.29500000E+00;' + NO_ERROR]], result: 3.295 },
  { method: 'measureCurrentDc', wire: [['MEAS:CURR:DC?;:SYST:ERR?', '+1.00000000E-01;' + NO_ERROR]], result: 0.1 },
  { method: 'measureResistance', wire: [['MEAS:RES?;:SYST:ERR?', '+1.00000000E+04;' + NO_ERROR]], result: 10000 },
  // The overload reading passes through as a number.
  { method: 'measureVoltageDc', wire: [['MEAS:VOLT:DC?;:SYST:ERR?', '+9.90000000E+37;' + NO_ERROR]], result: 9.9e37 },
]

describe('multimeter protocol (34461A)', () => {
  it.each(titledCases(cases))('%s', (_, c) => expectCase(createMultimeter, c))

  it('rejects a reply that is not a number list', async () => {
    await expectProtocol(createMultimeter, [['READ?;:SYST:ERR?', '+3.2E+00,bogus;' + NO_ERROR]], async (dmm) => {
      await expect(dmm.read()).rejects.toMatchObject({ code: 'DRIVER_BAD_RESPONSE', command: 'READ?' })
    })
  })
})
