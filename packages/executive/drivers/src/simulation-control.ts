import { type FaultTarget, faultShortWord, type TelemetrySnapshot } from '@dvt/protocol'
import type { Transport } from '@dvt/transports'
import { type DriverMethods, defineDriverCommands } from './driver-table'
import { createTableDriver, type Instrument } from './instrument'
import { runCommand } from './internal/bind-commands'
import { p } from './params'
import { r } from './replies'

/** One snapshot of the whole bench model (the same object as a telemetry line, docs/scpi.md#telemetry). */
export type SimSnapshot = TelemetrySnapshot

export interface WaitOptions {
  /** Wall-clock limit for the wait; by default long enough for real time (speed 1) plus a margin. */
  timeoutMs?: number
}

/** `max` is the word `MAX` (lockstep); any other speed a number. */
const SPEED_WORDS = { max: 'MAX' } as const

/** The simulator's control port (docs/scpi.md#simulation-control): one row per {@link SimulationControl} method. */
export const simulationCommands = defineDriverCommands({
  /** Simulated seconds since the model started. */
  time: { scpi: 'SIM:TIME?', reply: r.number(), unit: 's' },
  /**
   * Resolves once simulated time has advanced by `seconds`: the wait is overlapped, and the query that ends the line
   * answers when it is done (docs/scpi.md#overlapped-operations).
   */
  wait: { scpi: 'SIM:WAIT {seconds};*OPC?', params: [p.number('seconds')], reply: r.opc(), unit: 's' },
  /** Sets the clock speed: k × wall time, or `max` (lockstep). */
  setSpeed: { scpi: 'SIM:SPE {speed}', params: [p.number('speed', SPEED_WORDS)] },
  /** The clock speed. */
  getSpeed: { scpi: 'SIM:SPE?', reply: r.number(SPEED_WORDS) },
  /** Freezes the clock. */
  pause: { scpi: 'SIM:PAUS' },
  /** Restarts the clock. The long form: the short form `RES` would also match RESet. */
  resume: { scpi: 'SIM:RESUME' },
  /** The model back to its initial state, every instrument to its `*RST` settings, faults cleared. */
  resetModel: { scpi: 'SIM:RESET' },
  /** Reseeds the one PRNG all noise comes from. */
  setSeed: { scpi: 'SIM:SEED {seed}', params: [p.number('seed')] },
  /** The seed of the PRNG all noise comes from. */
  getSeed: { scpi: 'SIM:SEED?', reply: r.number() },
  /** Switches instrument noise on or off. */
  setNoise: { scpi: 'SIM:NOIS {on}', params: [p.onOff('on')] },
  /** The whole model's state. */
  state: { scpi: 'SIM:STAT?', reply: r.json<SimSnapshot>() },
  /** Sets a DUT parameter by name (e.g. `TEMPCO_PPM_PER_C`), of the part in socket 1. */
  setDutParameter: { scpi: 'SIM:DUT:PAR {name},{value}', params: [p.word('name'), p.number('value')] },
  /** A DUT parameter by name, of the part in socket 1. */
  getDutParameter: { scpi: 'SIM:DUT:PAR? {name}', params: [p.word('name')], reply: r.number() },
  /** Sets a DUT parameter of the part in one socket. */
  setSocketParameter: {
    scpi: 'SIM:DUT:PAR {name},{value},{socket}',
    params: [p.number('socket'), p.word('name'), p.number('value')],
  },
  /** A DUT parameter of the part in one socket: its truth. */
  getSocketParameter: {
    scpi: 'SIM:DUT:PAR? {name},{socket}',
    params: [p.number('socket'), p.word('name')],
    reply: r.number(),
  },
  /** How many DUT sockets the board has. */
  sockets: { scpi: 'SIM:SOCK?', reply: r.number() },
  /** The serial of the part in one socket (empty for an empty socket). */
  dutSerial: { scpi: 'SIM:DUT:SER? {socket}', params: [p.number('socket')], reply: r.string() },
  /** How many parts the lot has. */
  lotSize: { scpi: 'SIM:LOT:SIZE?', reply: r.number() },
  /**
   * Replaces the simulated lot by the one described (the keys of the `dut.lot` section, docs/physics.md#lots) and
   * loads its first board: a campaign's plan brings its own lot.
   */
  defineLot: { scpi: 'SIM:LOT:DEF {lot}', params: [p.string('lot')] },
  /** The lot the simulator draws its parts from, as JSON (the configured one, or the last `defineLot`). */
  lotDefinition: { scpi: 'SIM:LOT:DEF?', reply: r.string() },
  /** The lot member in socket 1 (socket n holds member first + n − 1). */
  loadedLot: { scpi: 'SIM:LOT:LOAD?', reply: r.number() },
  /** Puts parts `first` … `first` + sockets − 1 of the lot into the sockets, like a handler swapping a board. */
  loadLot: { scpi: 'SIM:LOT:LOAD {first}', params: [p.number('first')] },
  /** The names of the simulated DUT's parameters (upper case, as `getDutParameter` takes them). */
  dutParameterNames: { scpi: 'SIM:DUT:PAR:CAT?', reply: r.strings() },
  /** Drops and refuses one instrument's connections for `seconds` of simulated time. */
  disconnect: {
    scpi: 'SIM:FAUL:DISC {target},{seconds}',
    params: [p.word<FaultTarget>('target', faultShortWord), p.number('seconds')],
    unit: 's',
  },
  /** Ends every disconnect now. */
  clearFaults: { scpi: 'SIM:FAUL:CLE' },
})

/** The simulator's control port (port 5000, docs/scpi.md#simulation-control). Only exists with the simulator backend. */
export interface SimulationControl extends Instrument, DriverMethods<typeof simulationCommands> {
  wait(seconds: number, options?: WaitOptions): Promise<void>
}

const WAIT_MARGIN_MS = 10_000

/** A wait's wall-clock limit: the one given, or the wait in real time (speed 1) plus a margin. */
function waitTimeoutMs(seconds: number, options?: WaitOptions): number {
  return options?.timeoutMs ?? seconds * 1000 + WAIT_MARGIN_MS
}

/** The simulation control port's driver over `transport`; `name` is what messages call it. */
export function createSimulationControl(transport: Transport, name = 'simulation'): SimulationControl {
  const { channel, driver } = createTableDriver(transport, name, simulationCommands)
  return {
    ...driver,
    wait: (seconds, options) =>
      runCommand(channel, simulationCommands.wait, [seconds], { timeoutMs: waitTimeoutMs(seconds, options) }),
  }
}
