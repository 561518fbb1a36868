import { describe, expect, it } from 'vitest'
import { createMultimeter } from './multimeter'
import { expectProtocol, NO_ERROR } from './testing/scripted-transport'

describe('multimeter protocol (34461A)', () => {
  it('configures DC volts, NPLC and sample count one by one', async () => {
    await expectProtocol(
      createMultimeter,
      [
        ['CONF:VOLT:DC 10;:SYST:ERR?', NO_ERROR],
        ['CONF:VOLT:DC AUTO;:SYST:ERR?', NO_ERROR],
        ['VOLT:DC:NPLC 10;:SYST:ERR?', NO_ERROR],
        ['SAMP:COUN 5;:SYST:ERR?', NO_ERROR],
      ],
      async (dmm) => {
        await dmm.configureVoltageDc(10)
        await dmm.configureVoltageDc('AUTO')
        await dmm.setNplc(10)
        await dmm.setSampleCount(5)
      },
    )
  })

  it('sets up a voltage measurement in one round trip and reads every sample', async () => {
    await expectProtocol(
      createMultimeter,
      [
        ['CONF:VOLT:DC 10;:VOLT:DC:NPLC 10;:SAMP:COUN 3;:SYST:ERR?', NO_ERROR],
        ['READ?;:SYST:ERR?', '+3.29501000E+00,+3.29502000E+00,+3.29500500E+00;' + NO_ERROR],
      ],
      async (dmm) => {
        await dmm.setupVoltageDc({ range: 10, nplc: 10, samples: 3 })
        expect(await dmm.read()).toEqual([3.29501, 3.29502, 3.295005])
      },
    )
  })

  it('measures volts, amps and ohms', async () => {
    await expectProtocol(
      createMultimeter,
      [
        ['MEAS:VOLT:DC?;:SYST:ERR?', '+3.29500000E+00;' + NO_ERROR],
        ['MEAS:CURR:DC?;:SYST:ERR?', '+1.00000000E-01;' + NO_ERROR],
        ['MEAS:RES?;:SYST:ERR?', '+1.00000000E+04;' + NO_ERROR],
      ],
      async (dmm) => {
        expect(await dmm.measureVoltageDc()).toBe(3.295)
        expect(await dmm.measureCurrentDc()).toBe(0.1)
        expect(await dmm.measureResistance()).toBe(10000)
      },
    )
  })

  it('passes the overload reading through as a number', async () => {
    await expectProtocol(
      createMultimeter,
      [['MEAS:VOLT:DC?;:SYST:ERR?', '+9.90000000E+37;' + NO_ERROR]],
      async (dmm) => {
        expect(await dmm.measureVoltageDc()).toBe(9.9e37)
      },
    )
  })

  it('rejects a reply that is not a number list', async () => {
    await expectProtocol(createMultimeter, [['READ?;:SYST:ERR?', '+3.2E+00,bogus;' + NO_ERROR]], async (dmm) => {
      await expect(dmm.read()).rejects.toMatchObject({ code: 'DRIVER_BAD_RESPONSE', command: 'READ?' })
    })
  })
})
