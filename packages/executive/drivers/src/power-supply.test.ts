import { describe, expect, it } from 'vitest'
import { createPowerSupply } from './power-supply'
import { expectProtocol, NO_ERROR } from './testing/scripted-transport'

describe('power supply protocol (E36312A)', () => {
  it('sets voltage, current limit and output on a channel list', async () => {
    await expectProtocol(
      createPowerSupply,
      [
        ['VOLT 5,(@1);:SYST:ERR?', NO_ERROR],
        ['CURR 1,(@1);:SYST:ERR?', NO_ERROR],
        ['OUTP ON,(@1);:SYST:ERR?', NO_ERROR],
        ['OUTP OFF,(@2);:SYST:ERR?', NO_ERROR],
      ],
      async (psu) => {
        await psu.setVoltage(1, 5)
        await psu.setCurrentLimit(1, 1)
        await psu.setOutput(1, true)
        await psu.setOutput(2, false)
      },
    )
  })

  it('configures a channel in one round trip', async () => {
    await expectProtocol(
      createPowerSupply,
      [['VOLT 4.2,(@1);:CURR 0.5,(@1);:OUTP ON,(@1);:SYST:ERR?', NO_ERROR]],
      (psu) => psu.configure(1, { voltage: 4.2, currentLimit: 0.5, output: true }),
    )
  })

  it('sends nothing for an empty configuration', async () => {
    await expectProtocol(createPowerSupply, [], (psu) => psu.configure(1, {}))
  })

  it('measures voltage and current', async () => {
    await expectProtocol(
      createPowerSupply,
      [
        ['MEAS:VOLT? (@1);:SYST:ERR?', '+5.00012000E+00;' + NO_ERROR],
        ['MEAS:CURR? (@1);:SYST:ERR?', '+1.00250000E-01;' + NO_ERROR],
      ],
      async (psu) => {
        expect(await psu.measureVoltage(1)).toBe(5.00012)
        expect(await psu.measureCurrent(1)).toBe(0.10025)
      },
    )
  })

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

  it('decodes the ISUM condition register as CV, CC or OFF', async () => {
    await expectProtocol(
      createPowerSupply,
      [
        ['STAT:QUES:INST:ISUM1:COND?;:SYST:ERR?', '2;' + NO_ERROR],
        ['STAT:QUES:INST:ISUM1:COND?;:SYST:ERR?', '1;' + NO_ERROR],
        ['STAT:QUES:INST:ISUM3:COND?;:SYST:ERR?', '0;' + NO_ERROR],
      ],
      async (psu) => {
        expect(await psu.mode(1)).toBe('CV')
        expect(await psu.mode(1)).toBe('CC')
        expect(await psu.mode(3)).toBe('OFF')
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
