import { type FaultTarget, faultShortWord, type SimSpeed, type TelemetrySnapshot } from '@dvt/protocol'
import type { Transport } from '@dvt/transports'
import { createInstrumentBase, type Instrument } from './instrument'
import { badResponse, expectNumber, queryNumber } from './internal/parse'
import { createScpiChannel } from './internal/scpi-channel'
import { formatNumber } from './internal/scpi-format'

/** One snapshot of the whole bench model (`SIM:STAT?`, the same object as a telemetry line). */
export type SimSnapshot = TelemetrySnapshot

export interface WaitOptions {
  /** Wall-clock limit for the wait; by default long enough for real time (speed 1) plus a margin. */
  timeoutMs?: number
}

/** The simulator's control port (port 5000, docs/scpi.md#simulation-control). Only exists with the simulator backend. */
export interface SimulationControl extends Instrument {
  /** `SIM:TIME?`: simulated seconds since the model started. */
  time(): Promise<number>
  /** `SIM:WAIT <s>;*OPC?`: resolves once simulated time has advanced by `seconds`. */
  wait(seconds: number, options?: WaitOptions): Promise<void>
  /** `SIM:SPE <k>|MAX` */
  setSpeed(speed: SimSpeed): Promise<void>
  /** `SIM:SPE?` */
  getSpeed(): Promise<SimSpeed>
  /** `SIM:PAUS` */
  pause(): Promise<void>
  /** `SIM:RESUME` (long form: `RES` would also match RESet) */
  resume(): Promise<void>
  /** `SIM:RESET`: the model back to its initial state. */
  resetModel(): Promise<void>
  /** `SIM:SEED <n>` */
  setSeed(seed: number): Promise<void>
  /** `SIM:NOIS ON|OFF` */
  setNoise(on: boolean): Promise<void>
  /** `SIM:STAT?` */
  state(): Promise<SimSnapshot>
  /** `SIM:DUT:PAR <name>,<v>` (e.g. `TEMPCO_PPM_PER_C`) */
  setDutParameter(name: string, value: number): Promise<void>
  /** `SIM:DUT:PAR? <name>` */
  getDutParameter(name: string): Promise<number>
  /** `SIM:FAUL:DISC <inst>,<s>`: drop and refuse that instrument's connections for `seconds` of sim time. */
  disconnect(target: FaultTarget, seconds: number): Promise<void>
  /** `SIM:FAUL:CLE` */
  clearFaults(): Promise<void>
}

const WAIT_MARGIN_MS = 10_000

export function createSimulationControl(transport: Transport, name = 'simulation'): SimulationControl {
  const channel = createScpiChannel(name, transport)
  return {
    ...createInstrumentBase(channel, transport),
    time: () => queryNumber(channel, 'SIM:TIME?'),
    async wait(seconds, options) {
      const line = `SIM:WAIT ${formatNumber(seconds)};*OPC?`
      const timeoutMs = options?.timeoutMs ?? seconds * 1000 + WAIT_MARGIN_MS
      const reply = await channel.query(line, { timeoutMs })
      if (reply.trim() !== '1') throw badResponse(channel, line, reply)
    },
    setSpeed: (speed) => channel.command(`SIM:SPE ${speed === 'max' ? 'MAX' : formatNumber(speed)}`),
    async getSpeed() {
      const reply = await channel.query('SIM:SPE?')
      return reply.trim().toUpperCase() === 'MAX' ? 'max' : expectNumber(channel, 'SIM:SPE?', reply)
    },
    pause: () => channel.command('SIM:PAUS'),
    resume: () => channel.command('SIM:RESUME'),
    resetModel: () => channel.command('SIM:RESET'),
    setSeed: (seed) => channel.command(`SIM:SEED ${formatNumber(seed)}`),
    setNoise: (on) => channel.command(`SIM:NOIS ${on ? 'ON' : 'OFF'}`),
    async state() {
      const reply = await channel.query('SIM:STAT?')
      try {
        return JSON.parse(reply) as SimSnapshot
      } catch (cause) {
        throw Object.assign(badResponse(channel, 'SIM:STAT?', reply), { cause })
      }
    },
    setDutParameter: (param, value) => channel.command(`SIM:DUT:PAR ${param},${formatNumber(value)}`),
    getDutParameter: (param) => queryNumber(channel, `SIM:DUT:PAR? ${param}`),
    disconnect: (target, s) => channel.command(`SIM:FAUL:DISC ${faultShortWord(target)},${formatNumber(s)}`),
    clearFaults: () => channel.command('SIM:FAUL:CLE'),
  }
}
