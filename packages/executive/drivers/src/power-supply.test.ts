import { describe, expect, it } from 'vitest'
import { createPowerSupply, type PowerSupply } from './power-supply'
import { expectCase, type ProtocolCase, titledCases } from './testing/protocol-case'
import { expectProtocol, NO_ERROR } from './testing/scripted-transport'

const cases: ProtocolCase<PowerSupply>[] = [
  { method: 'setVoltage', args: [1, 5], wire: [['VOLT 5,(@1);:SYST:ERR?', NO_ERROR]] },
  { method: 'setCurrentLimit', args: [1, 1], wire: [['CURR 1,(@1);:SYST:ERR?', NO_ERROR]] },
  { method: 'setOutput', args: [1, true], wire: [['OUTP ON,(@1);:SYST:ERR?', NO_ERROR]] },
  { method: 'setOutput', args: [2, false], wire: [['OUTP OFF,(@2);:SYST:ERR?', NO_ERROR]] },
  // A channel in one round trip; nothing at all for an empty configuration.
  {
    method: 'configure',
    args: [1, { voltage: 4.2, currentLimit: 0.5, output: true }],
    wire: [['VOLT 4.2,(@1);:CURR 0.5,(@1);:OUTP ON,(@1);:SYST:ERR?', NO_ERROR]],
  },
  { method: 'configure', args: [1, {}], wire: [] },
  {
    method: 'measureVoltage',
    args: [1],
    wire: [['MEAS:VOLT? (@1);:SYST:ERR?', '+5.00012000E+00;' + NO_ERROR]],
    result: 5.00012,
  },
  {
    method: 'measureCurrent',
    args: [1],
    wire: [['MEAS:CURR? (@1);:SYST:ERR?', '+1.00250000E-01;' + NO_ERROR]],
    result: 0.10025,
  },
  // The ISUM condition register: bit 1 CV, bit 0 CC, neither OFF.
  { method: 'mode', args: [1], wire: [['STAT:QUES:INST:ISUM1:COND?;:SYST:ERR?', '2;' + NO_ERROR]], result: 'CV' },
  { method: 'mode', args: [1], wire: [['STAT:QUES:INST:ISUM1:COND?;:SYST:ERR?', '1;' + NO_ERROR]], result: 'CC' },
  { method: 'mode', args: [3], wire: [['STAT:QUES:INST:ISUM3:COND?;:SYST:ERR?', '0;' + NO_ERROR]], result: 'OFF' },
]

describe('power supply protocol (E36312A)', () => {
  it.each(titledCases(cases))('%s', (_, c) => expectCase(createPowerSupply, c))

  it('samples the current with many queries per line', async () => {
    const line = (n: number) => Array.from({ length: n }, () => 'MEAS:CURR? (@1)').join(';')
    const reply = (n: number, v: string) => Array.from({ length: n }, () => v).join(';')
    await expectProtocol(
      createPowerSupply,
      [
        [`${line(100)};:SYST:ERR?`, `${reply(100, '+5.0E-05')};${NO_ERROR}`],
        [`${line(20)};:SYST:ERR?`, `${reply(20, '+6.0E-05')};${NO_ERROR}`],
      ],
      async (psu) => {
        const values = await psu.measureCurrentSamples(1, 120)
        expect(values).toHaveLength(120)
        expect(values[0]).toBe(5e-5)
        expect(values[119]).toBe(6e-5)
      },
    )
  })

  it('reports a failed query that produced no data as the instrument error', async () => {
    await expectProtocol(
      createPowerSupply,
      [
        ['MEAS:VOLT? (@1);:SYST:ERR?', '-113,"Undefined header"'],
        [':SYST:ERR?', '-350,"Queue overflow"'],
        [':SYST:ERR?', NO_ERROR],
      ],
      async (psu) => {
        await expect(psu.measureVoltage(1)).rejects.toMatchObject({ scpiCode: -113, instrument: 'supply' })
      },
    )
  })
})
