import { describe, expect, it } from 'vitest'
import { createChamber } from './chamber'
import { InstrumentError } from './instrument-error'
import { expectProtocol, NO_ERROR } from './testing/scripted-transport'

describe('chamber protocol (ThermoStream dialect)', () => {
  it('sets and reads the setpoint', async () => {
    await expectProtocol(
      createChamber,
      [
        ['SETP -40;:SYST:ERR?', NO_ERROR],
        ['SETP?;:SYST:ERR?', '-40.0;' + NO_ERROR],
      ],
      async (chamber) => {
        await chamber.setSetpoint(-40)
        expect(await chamber.getSetpoint()).toBe(-40)
      },
    )
  })

  it('reads the air temperature', async () => {
    await expectProtocol(createChamber, [['TEMP?;:SYST:ERR?', '85.03;' + NO_ERROR]], async (chamber) => {
      expect(await chamber.readTemperature()).toBe(85.03)
    })
  })

  it('sets ramp rate, window, soak time and flow without float noise', async () => {
    await expectProtocol(
      createChamber,
      [
        ['RAMP 10;:SYST:ERR?', NO_ERROR],
        ['WNDW 0.3;:SYST:ERR?', NO_ERROR],
        ['SOAK 30;:SYST:ERR?', NO_ERROR],
        ['FLOW 1;:SYST:ERR?', NO_ERROR],
        ['FLOW 0;:SYST:ERR?', NO_ERROR],
      ],
      async (chamber) => {
        await chamber.setRampRate(10)
        await chamber.setWindow(0.1 + 0.2)
        await chamber.setSoakTime(30)
        await chamber.setFlow(true)
        await chamber.setFlow(false)
      },
    )
  })

  it('decodes TECR? bit 0 as stable', async () => {
    await expectProtocol(
      createChamber,
      [
        ['TECR?;:SYST:ERR?', '1;' + NO_ERROR],
        ['TECR?;:SYST:ERR?', '2;' + NO_ERROR],
      ],
      async (chamber) => {
        expect(await chamber.status()).toEqual({ raw: 1, stable: true })
        expect(await chamber.status()).toEqual({ raw: 2, stable: false })
      },
    )
  })

  it('reads temperature and stability in one round trip', async () => {
    await expectProtocol(createChamber, [['TEMP?;TECR?;:SYST:ERR?', '-19.98;1;' + NO_ERROR]], async (chamber) => {
      expect(await chamber.read()).toEqual({ temperature: -19.98, stable: true })
    })
  })

  it('refuses a reply with fewer answers than the line had queries', async () => {
    await expectProtocol(createChamber, [['TEMP?;TECR?;:SYST:ERR?', '-19.98;' + NO_ERROR]], async (chamber) => {
      await expect(chamber.read()).rejects.toMatchObject({ code: 'DRIVER_BAD_RESPONSE', command: 'TEMP?;TECR?' })
    })
  })

  it('turns an out-of-range setpoint into an InstrumentError and drains the queue', async () => {
    await expectProtocol(
      createChamber,
      [
        ['SETP 500;:SYST:ERR?', '-222,"Data out of range"'],
        [':SYST:ERR?', NO_ERROR],
      ],
      async (chamber) => {
        const error = await chamber.setSetpoint(500).catch((e: unknown) => e)
        expect(error).toBeInstanceOf(InstrumentError)
        expect(error).toMatchObject({
          code: 'DRIVER_INSTRUMENT_ERROR',
          scpiCode: -222,
          scpiMessage: 'Data out of range',
          instrument: 'chamber',
          command: 'SETP 500',
        })
        expect((error as Error).message).toBe('the chamber refused "SETP 500": -222 Data out of range')
      },
    )
  })

  it('sends raw lines without an error check (for a SCPI console)', async () => {
    await expectProtocol(
      createChamber,
      [
        ['TEMP?', '25.01'],
        ['SETP 30', null],
      ],
      async (chamber) => {
        expect(await chamber.send('TEMP?')).toBe('25.01')
        expect(await chamber.send('SETP 30')).toBeNull()
      },
    )
  })

  it('answers the common commands', async () => {
    await expectProtocol(
      createChamber,
      [
        ['*IDN?;:SYST:ERR?', 'TEMPTRONIC,ATS-545-SIM,0,1.0.0;' + NO_ERROR],
        ['*RST;:SYST:ERR?', NO_ERROR],
        ['*CLS;:SYST:ERR?', NO_ERROR],
      ],
      async (chamber) => {
        expect(await chamber.identify()).toBe('TEMPTRONIC,ATS-545-SIM,0,1.0.0')
        await chamber.reset()
        await chamber.clear()
      },
    )
  })
})
