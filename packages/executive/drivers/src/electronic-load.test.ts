import { describe, expect, it } from 'vitest'
import { createElectronicLoad } from './electronic-load'
import { expectProtocol } from './scripted-transport'

const OK = '+0,"No error"'

describe('electronic load protocol (EL34143A)', () => {
  it('sets function, level and input', async () => {
    await expectProtocol(
      createElectronicLoad,
      [
        ['FUNC CURR;:SYST:ERR?', OK],
        ['CURR 0.1;:SYST:ERR?', OK],
        ['FUNC RES;:SYST:ERR?', OK],
        ['RES 33;:SYST:ERR?', OK],
        ['INP ON;:SYST:ERR?', OK],
        ['INP OFF;:SYST:ERR?', OK],
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
    await expectProtocol(createElectronicLoad, [['FUNC CURR;:CURR 0.25;:INP ON;:SYST:ERR?', OK]], (load) =>
      load.configure({ function: 'CURR', current: 0.25, input: true }),
    )
  })

  it('measures voltage, current and power', async () => {
    await expectProtocol(
      createElectronicLoad,
      [
        ['MEAS:VOLT?;:SYST:ERR?', '+3.29500000E+00;' + OK],
        ['MEAS:CURR?;:SYST:ERR?', '+1.00000000E-01;' + OK],
        ['MEAS:POW?;:SYST:ERR?', '+3.29500000E-01;' + OK],
      ],
      async (load) => {
        expect(await load.measureVoltage()).toBe(3.295)
        expect(await load.measureCurrent()).toBe(0.1)
        expect(await load.measurePower()).toBe(0.3295)
      },
    )
  })
})
