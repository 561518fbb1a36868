import { describe, expect, it } from 'vitest'
import { createDataAcquisition, type DataAcquisition } from './data-acquisition'
import type { ChannelList } from './scpi-format'
import { expectCase, type ProtocolCase, titledCases } from './testing/protocol-case'
import { createScriptedTransport, expectProtocol, NO_ERROR } from './testing/scripted-transport'

const EIGHT = [
  '+3.29501000E+00',
  '+3.29602000E+00',
  '+3.29703000E+00',
  '+3.29804000E+00',
  '+3.29905000E+00',
  '+3.30006000E+00',
  '+3.30107000E+00',
  '+3.30208000E+00',
].join(',')

/** Sockets 1 … 8. */
const ALL: ChannelList = [[101, 108]]
const FIRST_THREE: ChannelList = [[101, 103]]

const cases: ProtocolCase<DataAcquisition>[] = [
  { method: 'closeChannels', args: [ALL], wire: [['ROUT:CLOS (@101:108);:SYST:ERR?', NO_ERROR]] },
  { method: 'openChannels', args: [[101, 103]], wire: [['ROUT:OPEN (@101,103);:SYST:ERR?', NO_ERROR]] },
  {
    method: 'closedStates',
    args: [FIRST_THREE],
    wire: [['ROUT:CLOS? (@101:103);:SYST:ERR?', '1,0,1;' + NO_ERROR]],
    result: [true, false, true],
  },
  { method: 'configureVoltageDc', args: [ALL], wire: [['CONF:VOLT:DC (@101:108);:SYST:ERR?', NO_ERROR]] },
  { method: 'configureVoltageDcRange', args: [103, 10], wire: [['CONF:VOLT:DC 10,(@103);:SYST:ERR?', NO_ERROR]] },
  { method: 'configureVoltageDcRange', args: [103, 'AUTO'], wire: [['CONF:VOLT:DC AUTO,(@103);:SYST:ERR?', NO_ERROR]] },
  { method: 'setNplc', args: [ALL, 1], wire: [['VOLT:DC:NPLC 1,(@101:108);:SYST:ERR?', NO_ERROR]] },
  { method: 'setScan', args: [ALL], wire: [['ROUT:SCAN (@101:108);:SYST:ERR?', NO_ERROR]] },
  // Range, integration time and scan list in one round trip.
  {
    method: 'setupScan',
    args: [ALL, { range: 10, nplc: 1 }],
    wire: [['CONF:VOLT:DC 10,(@101:108);:VOLT:DC:NPLC 1,(@101:108);:ROUT:SCAN (@101:108);:SYST:ERR?', NO_ERROR]],
  },
  {
    method: 'setupScan',
    args: [103],
    wire: [['CONF:VOLT:DC AUTO,(@103);:ROUT:SCAN (@103);:SYST:ERR?', NO_ERROR]],
  },
  { method: 'initiate', wire: [['INIT;:SYST:ERR?', NO_ERROR]] },
  { method: 'fetch', wire: [['FETC?;:SYST:ERR?', `${EIGHT};${NO_ERROR}`]], result: EIGHT.split(',').map(Number) },
  { method: 'read', wire: [['READ?;:SYST:ERR?', `${EIGHT};${NO_ERROR}`]], result: EIGHT.split(',').map(Number) },
  {
    method: 'measureVoltageDc',
    args: [[101, 102]],
    wire: [['MEAS:VOLT:DC? (@101,102);:SYST:ERR?', '+3.29500000E+00,+3.29600000E+00;' + NO_ERROR]],
    result: [3.295, 3.296],
  },
  // Three scans of one channel: three READ? on one line, answered joined by `;`.
  {
    method: 'readScans',
    args: [3],
    wire: [['READ?;READ?;READ?;:SYST:ERR?', `+3.2E+00;+3.3E+00;+3.4E+00;${NO_ERROR}`]],
    result: [[3.2], [3.3], [3.4]],
  },
]

describe('switch/measure unit protocol (DAQ970A)', () => {
  it.each(titledCases(cases))('%s', (_, c) => expectCase(createDataAcquisition, c))

  it('sends 100 READ? per line at most', async () => {
    const line = (n: number) => `${Array(n).fill('READ?').join(';')};:SYST:ERR?`
    const answer = (n: number) => `${Array(n).fill('+1.0E+00').join(';')};${NO_ERROR}`
    await expectProtocol(
      createDataAcquisition,
      [
        [line(100), answer(100)],
        [line(50), answer(50)],
      ],
      async (daq) => {
        expect(await daq.readScans(150)).toHaveLength(150)
      },
    )
  })

  it('gives a scan the integration time of every channel of the scan list as its timeout', async () => {
    const transport = createScriptedTransport([
      ['CONF:VOLT:DC 10,(@101:108);:VOLT:DC:NPLC 100,(@101:108);:ROUT:SCAN (@101:108);:SYST:ERR?', NO_ERROR],
      ['READ?;:SYST:ERR?', `${EIGHT};${NO_ERROR}`],
    ])
    const timeouts: Array<number | undefined> = []
    const query = transport.query.bind(transport)
    transport.query = (line, options) => {
      timeouts.push(options?.timeoutMs)
      return query(line, options)
    }
    const daq = createDataAcquisition(transport)
    await daq.setupScan(ALL, { range: 10, nplc: 100 })
    await daq.read()
    // 8 channels × 100 PLC / 50 Hz = 16 s of integration.
    expect(timeouts[1]).toBeGreaterThan(16_000)
    transport.assertDone()
  })

  it('rejects an answer that is not one reading per channel', async () => {
    await expectProtocol(createDataAcquisition, [['READ?;:SYST:ERR?', '+3.2E+00,OVLD;' + NO_ERROR]], async (daq) => {
      await expect(daq.read()).rejects.toMatchObject({ code: 'DRIVER_BAD_RESPONSE', command: 'READ?' })
    })
  })

  it('turns a refused channel list into an instrument error with the SCPI code', async () => {
    await expectProtocol(
      createDataAcquisition,
      [
        ['MEAS:VOLT:DC? (@109);:SYST:ERR?', '-222,"Data out of range"'],
        [':SYST:ERR?', NO_ERROR],
      ],
      async (daq) => {
        await expect(daq.measureVoltageDc(109)).rejects.toMatchObject({
          code: 'DRIVER_INSTRUMENT_ERROR',
          scpiCode: -222,
          instrument: 'switch/measure unit',
        })
      },
    )
  })
})
