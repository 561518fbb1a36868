import { describe, expect, it } from 'vitest'
import { createElectronicLoad } from './electronic-load'
import { expectProtocol, NO_ERROR } from './testing/scripted-transport'

describe('electronic load protocol (EL34143A)', () => {
  it('sets function, level and input', async () => {
    await expectProtocol(
      createElectronicLoad,
      [
        ['FUNC CURR;:SYST:ERR?', NO_ERROR],
        ['CURR 0.1;:SYST:ERR?', NO_ERROR],
        ['FUNC RES;:SYST:ERR?', NO_ERROR],
        ['RES 33;:SYST:ERR?', NO_ERROR],
        ['INP ON;:SYST:ERR?', NO_ERROR],
        ['INP OFF;:SYST:ERR?', NO_ERROR],
      ],
      async (load) => {
        await load.setFunction('CURR')
        await load.setCurrent(0.1)
        await load.setFunction('RES')
        await load.setResistance(33)
        await load.setInput(true)
        await load.setInput(false)
      },
    )
  })

  it('configures in one round trip', async () => {
    await expectProtocol(createElectronicLoad, [['FUNC CURR;:CURR 0.25;:INP ON;:SYST:ERR?', NO_ERROR]], (load) =>
      load.configure({ function: 'CURR', current: 0.25, input: true }),
    )
  })

  it('measures voltage, current and power', async () => {
    await expectProtocol(
      createElectronicLoad,
      [
        ['MEAS:VOLT?;:SYST:ERR?', '+3.29500000E+00;' + NO_ERROR],
        ['MEAS:CURR?;:SYST:ERR?', '+1.00000000E-01;' + NO_ERROR],
        ['MEAS:POW?;:SYST:ERR?', '+3.29500000E-01;' + NO_ERROR],
      ],
      async (load) => {
        expect(await load.measureVoltage()).toBe(3.295)
        expect(await load.measureCurrent()).toBe(0.1)
        expect(await load.measurePower()).toBe(0.3295)
      },
    )
  })
})
