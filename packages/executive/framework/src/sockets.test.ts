import { configSchema } from '@dvt/config'
import { createInstrumentSet } from '@dvt/drivers'
import { createScriptedTransport, NO_ERROR, type ProtocolStep, type ScriptedTransport } from '@dvt/drivers/testing'
import { INSTRUMENTS, type InstrumentRole } from '@dvt/protocol'
import { describe, expect, it } from 'vitest'
import { benchAddresses } from './bench-addresses'
import { boardWiring, SINGLE_DUT, simulatorSocket } from './board'
import { createTestSockets } from './sockets'

const resource = (n: number) => `TCPIP::10.0.0.${n}::5025::SOCKET`

/** A real board of four: socket 1 as a one-DUT bench, the others through the switch/measure unit. */
const board = configSchema.parse({
  instruments: {
    backend: 'visa',
    visa: {
      chamber: resource(2),
      supply: resource(3),
      dmm: resource(4),
      load: resource(5),
      mux: resource(6),
      sockets: [
        { vout: 'dmm', load_channel: 1, input_current: 'supply' },
        { vout: 102, load_channel: 2, input_current: { channel: 202, volts_per_amp: 0.5 } },
        { vout: 103, load_channel: 3, input_current: { channel: 203, volts_per_amp: 0.5 } },
        { vout: 104, load_channel: 4, input_current: 'supply' },
      ],
    },
  },
})

/** The board's instrument set on scripted transports: each instrument expects exactly its lines. */
function scriptedBench(scripts: Partial<Record<InstrumentRole, ProtocolStep[]>>) {
  const transports = new Map<string, ScriptedTransport>()
  const instruments = createInstrumentSet(benchAddresses(board), {
    openTransport: (target) => {
      const role = (Object.keys(INSTRUMENTS) as InstrumentRole[]).find((r) => INSTRUMENTS[r].label === target.name)!
      const transport = createScriptedTransport(scripts[role] ?? [])
      transports.set(role, transport)
      return transport
    },
  })
  const done = () => {
    for (const transport of transports.values()) transport.assertDone()
  }
  return { sockets: createTestSockets(instruments, boardWiring(board)), done }
}

describe('boardWiring', () => {
  it('wires a simulated board: socket 1 as the one-DUT bench, the others on channels 1nn and 2nn', () => {
    expect(simulatorSocket(1, 1)).toBe(SINGLE_DUT)
    expect(simulatorSocket(1, 8)).toEqual({
      vout: { kind: 'dmm' },
      loadChannel: 1,
      inputCurrent: { kind: 'mux', channel: 201, voltsPerAmp: 1 },
    })
    expect(simulatorSocket(12, 16)).toEqual({
      vout: { kind: 'mux', channel: 112 },
      loadChannel: 12,
      inputCurrent: { kind: 'mux', channel: 212, voltsPerAmp: 1 },
    })
    const simulated = boardWiring(configSchema.parse({ bench: { sockets: 3 } }))
    expect(simulated.simulated).toBe(true)
    expect(simulated.sockets).toHaveLength(3)
  })

  it('reads a real board from instruments.visa.sockets, and one DUT without it', () => {
    const wired = boardWiring(board)
    expect(wired.simulated).toBe(false)
    expect(wired.sockets[1]).toEqual({
      vout: { kind: 'mux', channel: 102 },
      loadChannel: 2,
      inputCurrent: { kind: 'mux', channel: 202, voltsPerAmp: 0.5 },
    })
    const single = boardWiring(configSchema.parse({ instruments: { backend: 'visa' } }))
    expect(single).toEqual({ simulated: false, sockets: [SINGLE_DUT] })
  })
})

describe('ctx.sockets on a real board', () => {
  it('counts and lists the configured sockets without asking the bench', async () => {
    const { sockets, done } = scriptedBench({})
    expect(await sockets.count()).toBe(4)
    expect((await sockets.list()).map((s) => s.number)).toEqual([1, 2, 3, 4])
    expect(await (await sockets.get(2)).serial()).toBeNull()
    await expect(sockets.get(5)).rejects.toThrow('socket 5 does not exist: the bench has 4 sockets (1 … 4)')
    done()
  })

  it('reads socket 1 as the one-DUT bench: the multimeter, load channel 1 without lists, the supply', async () => {
    const { sockets, done } = scriptedBench({
      dmm: [
        ['CONF:VOLT:DC 10;:VOLT:DC:NPLC 10;:SAMP:COUN 2;:SYST:ERR?', NO_ERROR],
        ['READ?;:SYST:ERR?', `+3.3E+00,+3.4E+00;${NO_ERROR}`],
      ],
      load: [['CURR 0.1;:SYST:ERR?', NO_ERROR]],
      supply: [['MEAS:CURR? (@1);MEAS:CURR? (@1);:SYST:ERR?', `+5.0E-05;+6.0E-05;${NO_ERROR}`]],
    })
    const first = await sockets.get(1)
    await first.setupVout({ range: 10, nplc: 10, samples: 2 })
    expect(await first.readVout()).toEqual([3.3, 3.4])
    await first.load.setCurrent(0.1)
    expect(await first.readInputCurrent(2)).toEqual([5e-5, 6e-5])
    done()
  })

  it('reads socket 2 through the switch/measure unit: V_out on 102, input current on 202 over its sense gain', async () => {
    const { sockets, done } = scriptedBench({
      mux: [
        ['*CLS;:SYST:ERR?', NO_ERROR],
        ['CONF:VOLT:DC 10,(@102);:VOLT:DC:NPLC 10,(@102);:ROUT:SCAN (@102);:SYST:ERR?', NO_ERROR],
        ['READ?;READ?;:SYST:ERR?', `+3.3E+00;+3.4E+00;${NO_ERROR}`],
        // The scan list is the same for the next reading: not set again.
        ['READ?;READ?;:SYST:ERR?', `+3.5E+00;+3.6E+00;${NO_ERROR}`],
        ['CONF:VOLT:DC AUTO,(@202);:VOLT:DC:NPLC 1,(@202);:ROUT:SCAN (@202);:SYST:ERR?', NO_ERROR],
        ['READ?;READ?;READ?;:SYST:ERR?', `+2.5E-05;+2.5E-05;+3.0E-05;${NO_ERROR}`],
        // Back to V_out: its scan list again.
        ['CONF:VOLT:DC 10,(@102);:VOLT:DC:NPLC 10,(@102);:ROUT:SCAN (@102);:SYST:ERR?', NO_ERROR],
        ['READ?;READ?;:SYST:ERR?', `+3.3E+00;+3.4E+00;${NO_ERROR}`],
      ],
      load: [
        ['FUNC CURR,(@2);:CURR 0.2,(@2);:INP ON,(@2);:SYST:ERR?', NO_ERROR],
        ['MEAS:CURR? (@2);:SYST:ERR?', `+2.0E-01;${NO_ERROR}`],
      ],
    })
    const second = await sockets.get(2)
    expect(second.instruments.map((i) => i.name)).toEqual(['electronic load'])
    await second.setupVout({ range: 10, nplc: 10, samples: 2 })
    expect(await second.readVout()).toEqual([3.3, 3.4])
    expect(await second.readVout()).toEqual([3.5, 3.6])
    expect(await second.readInputCurrent(3)).toEqual([5e-5, 5e-5, 6e-5])
    expect(await second.readVout()).toEqual([3.3, 3.4])
    await second.load.configure({ function: 'CURR', current: 0.2, input: true })
    expect(await second.load.measureCurrent()).toBe(0.2)
    expect(sockets.used().map((s) => s.number)).toEqual([2])
    done()
  })

  it('remembers the sockets a run asked for, once each, in order', async () => {
    const { sockets } = scriptedBench({})
    await sockets.get(3)
    await sockets.get(1)
    await sockets.get(3)
    expect(sockets.used().map((s) => s.number)).toEqual([3, 1])
    await expect(sockets.get(0)).rejects.toThrow('there is no socket 0')
  })
})
