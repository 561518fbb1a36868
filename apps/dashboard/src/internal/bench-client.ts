import {
  chamberCommands,
  commandLine,
  exchangeRaw,
  instrumentLabel,
  loadCommands,
  readErrorQueue,
  simulationCommands,
  supplyCommands,
  type TransportTarget,
} from '@dvt/drivers'
import type { InstrumentRole } from '@dvt/protocol'
import { createTcpTransport, type Transport } from '@dvt/transports'
import { DashboardError } from '../errors'
import type { ConsoleError, ControlResult, ScpiExchange } from '../schemas/bench-api'
import type { ControlRequest } from '../schemas/control'

/** Talks to the bench through its instrument and control ports, as any remote client would. */
export interface BenchClient {
  exchange(instrument: InstrumentRole, command: string): Promise<ScpiExchange>
  apply(control: ControlRequest): Promise<ControlResult>
  close(): Promise<void>
}

export interface BenchClientOptions {
  /** From `benchAddresses(config).targets`; a missing instrument (simulation control on real hardware) is refused. */
  targets: Partial<Record<InstrumentRole, TransportTarget>>
}

/** The supply output that feeds the DUT (P6V). */
const DUT_SUPPLY = 1

/** The SCPI lines a control request becomes, in the order they are sent; each built from a driver's table. */
export function controlCommands(control: ControlRequest): Array<{ instrument: InstrumentRole; command: string }> {
  const out: Array<{ instrument: InstrumentRole; command: string }> = []
  const add = (instrument: InstrumentRole, command: string) => out.push({ instrument, command })
  const { ramp_c_per_min, setpoint_c, supply_v, supply_on, load_a, load_on, speed, paused } = control
  // The ramp rate first, so that a new setpoint is approached at the new rate.
  if (ramp_c_per_min !== undefined) add('chamber', commandLine(chamberCommands.setRampRate, ramp_c_per_min))
  if (setpoint_c !== undefined) add('chamber', commandLine(chamberCommands.setSetpoint, setpoint_c))
  if (supply_v !== undefined) add('supply', commandLine(supplyCommands.setVoltage, DUT_SUPPLY, supply_v))
  if (supply_on !== undefined) add('supply', commandLine(supplyCommands.setOutput, DUT_SUPPLY, supply_on))
  if (load_a !== undefined) add('load', commandLine(loadCommands.setCurrent, load_a))
  if (load_on !== undefined) add('load', commandLine(loadCommands.setInput, load_on))
  if (speed !== undefined) add('control', commandLine(simulationCommands.setSpeed, speed))
  if (paused !== undefined) add('control', commandLine(paused ? simulationCommands.pause : simulationCommands.resume))
  return out
}

function isTimeout(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'TRANSPORT_TIMEOUT'
}

function unreachable(instrument: InstrumentRole, error: unknown): DashboardError {
  const detail = error instanceof Error ? error.message : String(error)
  return new DashboardError('DASHBOARD_INSTRUMENT', `the ${instrumentLabel(instrument)} did not respond: ${detail}`, {
    cause: error,
  })
}

type TransportOf = (instrument: InstrumentRole) => Transport

/** One lazily opened transport per instrument; an instrument without an address is refused with a sentence. */
function createTransportPool(options: BenchClientOptions) {
  const transports = new Map<InstrumentRole, Transport>()
  const get: TransportOf = (instrument) => {
    const open = transports.get(instrument)
    if (open) return open
    const target = options.targets[instrument]
    if (!target) {
      throw new DashboardError(
        'DASHBOARD_BAD_REQUEST',
        instrument === 'control'
          ? 'there is no simulation control with instruments.backend: visa — only the simulator has it'
          : `the ${instrumentLabel(instrument)} has no address — set its resource string in instruments.visa`,
      )
    }
    const t = createTcpTransport(target)
    transports.set(instrument, t)
    return t
  }
  const close = async () => {
    await Promise.allSettled([...transports.values()].map((t) => t.close()))
    transports.clear()
  }
  return { get, close }
}

/** Reads the instrument's error queue until `+0,"No error"`. */
async function drainErrors(transport: TransportOf, instrument: InstrumentRole): Promise<ConsoleError[]> {
  try {
    return await readErrorQueue(transport(instrument))
  } catch (error) {
    throw unreachable(instrument, error)
  }
}

/** One console line: its reply and every error it queued (a timeout becomes an entry, not a failure). */
async function exchange(transport: TransportOf, instrument: InstrumentRole, command: string): Promise<ScpiExchange> {
  try {
    return await exchangeRaw(transport(instrument), command)
  } catch (error) {
    if (!isTimeout(error)) throw unreachable(instrument, error)
    return { reply: null, errors: [{ code: null, message: (error as Error).message }] }
  }
}

/** Sends a control request's commands, then drains each touched instrument's error queue. */
async function apply(transport: TransportOf, control: ControlRequest): Promise<ControlResult> {
  const sent = controlCommands(control)
  const touched = new Set(sent.map((c) => c.instrument))
  for (const instrument of touched) transport(instrument)
  for (const { instrument, command } of sent) {
    try {
      await transport(instrument).write(command)
    } catch (error) {
      throw unreachable(instrument, error)
    }
  }
  const errors: ControlResult['errors'] = []
  for (const instrument of touched) {
    for (const e of await drainErrors(transport, instrument)) errors.push({ instrument, ...e })
  }
  return { sent, errors }
}

/** Creates the bench client; connections open lazily, one per instrument, and reconnect after a drop. */
export function createBenchClient(options: BenchClientOptions): BenchClient {
  const pool = createTransportPool(options)
  return {
    exchange: (instrument, command) => exchange(pool.get, instrument, command),
    apply: (control) => apply(pool.get, control),
    close: pool.close,
  }
}
