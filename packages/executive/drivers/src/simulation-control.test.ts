import { describe, expect, it } from 'vitest'
import { createSimulationControl, type SimSnapshot, type SimulationControl } from './simulation-control'
import { expectCase, type ProtocolCase, titledCases } from './testing/protocol-case'
import { createScriptedTransport, expectProtocol, NO_ERROR } from './testing/scripted-transport'

// A few fields are enough: the driver passes on whatever JSON object the simulator sends.
const snapshot = { t_s: 12.5, chamber_c: 25.01, stable: true, supply_mode: 'CV' } as unknown as SimSnapshot

const cases: ProtocolCase<SimulationControl>[] = [
  { method: 'time', wire: [['SIM:TIME?;:SYST:ERR?', '1234.5;' + NO_ERROR]], result: 1234.5 },
  // Waits in simulated time: the line ends in *OPC?, answered when the wait is over.
  { method: 'wait', args: [30], wire: [['SIM:WAIT 30;*OPC?;:SYST:ERR?', '1;' + NO_ERROR]] },
  { method: 'setSpeed', args: [60], wire: [['SIM:SPE 60;:SYST:ERR?', NO_ERROR]] },
  { method: 'setSpeed', args: ['max'], wire: [['SIM:SPE MAX;:SYST:ERR?', NO_ERROR]] },
  { method: 'getSpeed', wire: [['SIM:SPE?;:SYST:ERR?', 'MAX;' + NO_ERROR]], result: 'max' },
  { method: 'getSpeed', wire: [['SIM:SPE?;:SYST:ERR?', '+6.00000000E+01;' + NO_ERROR]], result: 60 },
  { method: 'pause', wire: [['SIM:PAUS;:SYST:ERR?', NO_ERROR]] },
  { method: 'resume', wire: [['SIM:RESUME;:SYST:ERR?', NO_ERROR]] },
  { method: 'resetModel', wire: [['SIM:RESET;:SYST:ERR?', NO_ERROR]] },
  { method: 'setSeed', args: [42], wire: [['SIM:SEED 42;:SYST:ERR?', NO_ERROR]] },
  { method: 'setNoise', args: [false], wire: [['SIM:NOIS OFF;:SYST:ERR?', NO_ERROR]] },
  // The model's state as JSON.
  { method: 'state', wire: [['SIM:STAT?;:SYST:ERR?', JSON.stringify(snapshot) + ';' + NO_ERROR]], result: snapshot },
  {
    method: 'setDutParameter',
    args: ['TEMPCO_PPM_PER_C', 150],
    wire: [['SIM:DUT:PAR TEMPCO_PPM_PER_C,150;:SYST:ERR?', NO_ERROR]],
  },
  {
    method: 'getDutParameter',
    args: ['TEMPCO_PPM_PER_C'],
    wire: [['SIM:DUT:PAR? TEMPCO_PPM_PER_C;:SYST:ERR?', '+1.50000000E+02;' + NO_ERROR]],
    result: 150,
  },
  // Sockets and lots: the part in socket n, its truth, and swapping a board.
  {
    method: 'setSocketParameter',
    args: [3, 'TEMPCO_PPM_PER_C', 42],
    wire: [['SIM:DUT:PAR TEMPCO_PPM_PER_C,42,3;:SYST:ERR?', NO_ERROR]],
  },
  {
    method: 'getSocketParameter',
    args: [3, 'TEMPCO_PPM_PER_C'],
    wire: [['SIM:DUT:PAR? TEMPCO_PPM_PER_C,3;:SYST:ERR?', '+4.21000000E+01;' + NO_ERROR]],
    result: 42.1,
  },
  { method: 'sockets', wire: [['SIM:SOCK?;:SYST:ERR?', '+8;' + NO_ERROR]], result: 8 },
  {
    method: 'dutSerial',
    args: [3],
    wire: [['SIM:DUT:SER? 3;:SYST:ERR?', '"LOT-A-003";' + NO_ERROR]],
    result: 'LOT-A-003',
  },
  { method: 'dutSerial', args: [4], wire: [['SIM:DUT:SER? 4;:SYST:ERR?', '"";' + NO_ERROR]], result: '' },
  { method: 'lotSize', wire: [['SIM:LOT:SIZE?;:SYST:ERR?', '+200;' + NO_ERROR]], result: 200 },
  { method: 'loadLot', args: [9], wire: [['SIM:LOT:LOAD 9;:SYST:ERR?', NO_ERROR]] },
  { method: 'loadedLot', wire: [['SIM:LOT:LOAD?;:SYST:ERR?', '+9;' + NO_ERROR]], result: 9 },
  {
    method: 'defineLot',
    args: ['{"name":"L\'s","size":4}'],
    wire: [[`SIM:LOT:DEF '{"name":"L''s","size":4}';:SYST:ERR?`, NO_ERROR]],
  },
  {
    method: 'lotDefinition',
    wire: [['SIM:LOT:DEF?;:SYST:ERR?', '"{""name"":""L"",""size"":4}";' + NO_ERROR]],
    result: '{"name":"L","size":4}',
  },
  { method: 'getSeed', wire: [['SIM:SEED?;:SYST:ERR?', '+7;' + NO_ERROR]], result: 7 },
  {
    method: 'dutParameterNames',
    wire: [['SIM:DUT:PAR:CAT?;:SYST:ERR?', '"TEMPCO_PPM_PER_C","UVLO_V","A ""Q"" B";' + NO_ERROR]],
    result: ['TEMPCO_PPM_PER_C', 'UVLO_V', 'A "Q" B'],
  },
  // Faults: a disconnect per instrument for some simulated seconds, and clearing them all.
  { method: 'disconnect', args: ['dmm', 30], wire: [['SIM:FAUL:DISC DMM,30;:SYST:ERR?', NO_ERROR]] },
  { method: 'disconnect', args: ['chamber', 5], wire: [['SIM:FAUL:DISC CHAM,5;:SYST:ERR?', NO_ERROR]] },
  { method: 'clearFaults', wire: [['SIM:FAUL:CLE;:SYST:ERR?', NO_ERROR]] },
]

describe('simulation control protocol', () => {
  it.each(titledCases(cases))('%s', (_, c) => expectCase(createSimulationControl, c))

  it('gives a wait a timeout long enough for real time', async () => {
    const transport = createScriptedTransport([['SIM:WAIT 120;*OPC?;:SYST:ERR?', '1;' + NO_ERROR]])
    const timeouts: Array<number | undefined> = []
    const query = transport.query.bind(transport)
    const sim = createSimulationControl({
      ...transport,
      query: (line, options) => {
        timeouts.push(options?.timeoutMs)
        return query(line, options)
      },
    })
    await sim.wait(120)
    expect(timeouts[0]).toBeGreaterThanOrEqual(120_000)
  })

  it('names the line of a reply it cannot use', async () => {
    await expectProtocol(
      createSimulationControl,
      [
        ['SIM:WAIT 30;*OPC?;:SYST:ERR?', '0;' + NO_ERROR],
        ['SIM:STAT?;:SYST:ERR?', '{"t_s":;' + NO_ERROR],
      ],
      async (sim) => {
        await expect(sim.wait(30)).rejects.toThrow('the simulation answered "0" to "SIM:WAIT 30;*OPC?"')
        const error = await sim.state().catch((e: unknown) => e)
        expect(error).toMatchObject({ code: 'DRIVER_BAD_RESPONSE', command: 'SIM:STAT?' })
        expect((error as Error).cause).toBeInstanceOf(SyntaxError)
      },
    )
  })
})
