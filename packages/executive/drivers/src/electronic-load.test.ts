import { describe, it } from 'vitest'
import { createElectronicLoad, type ElectronicLoad } from './electronic-load'
import { expectCase, type ProtocolCase, titledCases } from './testing/protocol-case'
import { NO_ERROR } from './testing/scripted-transport'

const cases: ProtocolCase<ElectronicLoad>[] = [
  { method: 'setFunction', args: ['CURR'], wire: [['FUNC CURR;:SYST:ERR?', NO_ERROR]] },
  { method: 'setCurrent', args: [0.1], wire: [['CURR 0.1;:SYST:ERR?', NO_ERROR]] },
  { method: 'setFunction', args: ['RES'], wire: [['FUNC RES;:SYST:ERR?', NO_ERROR]] },
  { method: 'setResistance', args: [33], wire: [['RES 33;:SYST:ERR?', NO_ERROR]] },
  { method: 'setInput', args: [true], wire: [['INP ON;:SYST:ERR?', NO_ERROR]] },
  { method: 'setInput', args: [false], wire: [['INP OFF;:SYST:ERR?', NO_ERROR]] },
  // Function, level and input in one round trip.
  {
    method: 'configure',
    args: [{ function: 'CURR', current: 0.25, input: true }],
    wire: [['FUNC CURR;:CURR 0.25;:INP ON;:SYST:ERR?', NO_ERROR]],
  },
  { method: 'measureVoltage', wire: [['MEAS:VOLT?;:SYST:ERR?', '+3.29500000E+00;' + NO_ERROR]], result: 3.295 },
  { method: 'measureCurrent', wire: [['MEAS:CURR?;:SYST:ERR?', '+1.00000000E-01;' + NO_ERROR]], result: 0.1 },
  { method: 'measurePower', wire: [['MEAS:POW?;:SYST:ERR?', '+3.29500000E-01;' + NO_ERROR]], result: 0.3295 },
]

describe('electronic load protocol (EL34143A)', () => {
  it.each(titledCases(cases))('%s', (_, c) => expectCase(createElectronicLoad, c))
})
