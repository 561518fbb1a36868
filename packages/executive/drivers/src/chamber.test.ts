import { describe, expect, it } from 'vitest'
import { type Chamber, createChamber } from './chamber'
import { InstrumentError } from './instrument-error'
import { expectCase, type ProtocolCase, titledCases } from './testing/protocol-case'
import { expectProtocol, NO_ERROR } from './testing/scripted-transport'

const cases: ProtocolCase<Chamber>[] = [
  { method: 'setSetpoint', args: [-40], wire: [['SETP -40;:SYST:ERR?', NO_ERROR]] },
  { method: 'getSetpoint', wire: [['SETP?;:SYST:ERR?', '-40.0;' + NO_ERROR]], result: -40 },
  { method: 'readTemperature', wire: [['TEMP?;:SYST:ERR?', '85.03;' + NO_ERROR]], result: 85.03 },
  { method: 'setRampRate', args: [10], wire: [['RAMP 10;:SYST:ERR?', NO_ERROR]] },
  // Without float noise: 0.1 + 0.2 is sent as 0.3.
  { method: 'setWindow', args: [0.1 + 0.2], wire: [['WNDW 0.3;:SYST:ERR?', NO_ERROR]] },
  { method: 'setSoakTime', args: [30], wire: [['SOAK 30;:SYST:ERR?', NO_ERROR]] },
  { method: 'setFlow', args: [true], wire: [['FLOW 1;:SYST:ERR?', NO_ERROR]] },
  { method: 'setFlow', args: [false], wire: [['FLOW 0;:SYST:ERR?', NO_ERROR]] },
  // TECR? bit 0 is "stable".
  { method: 'status', wire: [['TECR?;:SYST:ERR?', '1;' + NO_ERROR]], result: { raw: 1, stable: true } },
  { method: 'status', wire: [['TECR?;:SYST:ERR?', '2;' + NO_ERROR]], result: { raw: 2, stable: false } },
  // Temperature and stability in one round trip.
  {
    method: 'read',
    wire: [['TEMP?;TECR?;:SYST:ERR?', '-19.98;1;' + NO_ERROR]],
    result: { temperature: -19.98, stable: true },
  },
  // Raw lines go without an error check (for a SCPI console).
  { method: 'send', args: ['TEMP?'], wire: [['TEMP?', '25.01']], result: '25.01' },
  { method: 'send', args: ['SETP 30'], wire: [['SETP 30', null]], result: null },
  // The common commands.
  {
    method: 'identify',
    wire: [['*IDN?;:SYST:ERR?', 'TEMPTRONIC,ATS-545-SIM,0,1.0.0;' + NO_ERROR]],
    result: 'TEMPTRONIC,ATS-545-SIM,0,1.0.0',
  },
  { method: 'reset', wire: [['*RST;:SYST:ERR?', NO_ERROR]] },
  { method: 'clear', wire: [['*CLS;:SYST:ERR?', NO_ERROR]] },
]

describe('chamber protocol (ThermoStream dialect)', () => {
  it.each(titledCases(cases))('%s', (_, c) => expectCase(createChamber, c))

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
})
