import { createTcpTransport, type Transport } from '@dvt/transports'
import { DashboardError } from '../errors'
import type { ControlRequest, InstrumentName } from '../schemas/control'

/** An error the instrument queued, as data (`SYST:ERR?`). `code` is null for a transport-level problem. */
export interface ScpiErrorEntry {
  code: number | null
  message: string
}

/** The answer to one console line. */
export interface ScpiExchange {
  reply: string | null
  errors: ScpiErrorEntry[]
}

export interface ControlResult {
  /** The SCPI lines sent, per instrument, in order. */
  sent: Array<{ instrument: InstrumentName; command: string }>
  errors: Array<ScpiErrorEntry & { instrument: InstrumentName }>
}

/** Talks to the bench through its instrument and control ports, as any remote client would. */
export interface BenchClient {
  exchange(instrument: InstrumentName, command: string): Promise<ScpiExchange>
  apply(control: ControlRequest): Promise<ControlResult>
  close(): Promise<void>
}

/** Where an instrument listens (the simulator's ports, or a parsed VISA socket resource). */
export interface BenchTarget {
  host: string
  port: number
}

export interface BenchClientOptions {
  /** A missing instrument (e.g. `sim` with real hardware) is refused with a sentence. */
  targets: Partial<Record<InstrumentName, BenchTarget>>
  timeoutMs: number
}

const labels: Record<InstrumentName, string> = {
  chamber: 'chamber',
  supply: 'power supply',
  dmm: 'multimeter',
  load: 'electronic load',
  sim: 'simulation control',
}

const errorLine = /^\s*([+-]?\d+)\s*,\s*"(.*)"\s*$/

/** Parses a `SYST:ERR?` answer (`-113,"Undefined header"`). */
export function parseErrorLine(line: string): ScpiErrorEntry {
  const match = errorLine.exec(line)
  if (!match) return { code: null, message: line }
  return { code: Number(match[1]), message: match[2]!.replaceAll('""', '"') }
}

/** The SCPI lines a control request becomes, in the order they are sent. */
export function controlCommands(control: ControlRequest): Array<{ instrument: InstrumentName; command: string }> {
  const out: Array<{ instrument: InstrumentName; command: string }> = []
  const add = (instrument: InstrumentName, command: string) => out.push({ instrument, command })
  if (control.ramp_c_per_min !== undefined) add('chamber', `RAMP ${control.ramp_c_per_min}`)
  if (control.setpoint_c !== undefined) add('chamber', `SETP ${control.setpoint_c}`)
  if (control.supply_v !== undefined) add('supply', `VOLT ${control.supply_v},(@1)`)
  if (control.supply_on !== undefined) add('supply', `OUTP ${control.supply_on ? 'ON' : 'OFF'},(@1)`)
  if (control.load_a !== undefined) add('load', `CURR ${control.load_a}`)
  if (control.load_on !== undefined) add('load', `INP ${control.load_on ? 'ON' : 'OFF'}`)
  if (control.speed !== undefined) add('sim', `SIM:SPE ${control.speed === 'max' ? 'MAX' : control.speed}`)
  if (control.paused !== undefined) add('sim', control.paused ? 'SIM:PAUS' : 'SIM:RES')
  return out
}

function isTimeout(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'TRANSPORT_TIMEOUT'
}

function unreachable(instrument: InstrumentName, error: unknown): DashboardError {
  const detail = error instanceof Error ? error.message : String(error)
  return new DashboardError('DASHBOARD_INSTRUMENT', `the ${labels[instrument]} did not respond: ${detail}`, {
    cause: error,
  })
}

type TransportOf = (instrument: InstrumentName) => Transport

/** One lazily opened transport per instrument; an instrument without an address is refused with a sentence. */
function createTransportPool(options: BenchClientOptions) {
  const transports = new Map<InstrumentName, Transport>()
  const get: TransportOf = (instrument) => {
    const open = transports.get(instrument)
    if (open) return open
    const target = options.targets[instrument]
    if (!target) {
      throw new DashboardError(
        'DASHBOARD_BAD_REQUEST',
        instrument === 'sim'
          ? 'there is no simulation control with instruments.backend: visa — only the simulator has it'
          : `the ${labels[instrument]} has no address — set its resource string in instruments.visa`,
      )
    }
    const t = createTcpTransport({ ...target, timeoutMs: options.timeoutMs, name: labels[instrument] })
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
async function drainErrors(transport: TransportOf, instrument: InstrumentName): Promise<ScpiErrorEntry[]> {
  const errors: ScpiErrorEntry[] = []
  try {
    // The queue holds at most 20 entries (plus an overflow marker); stop there whatever happens.
    for (let i = 0; i < 22; i++) {
      const entry = parseErrorLine(await transport(instrument).query('SYST:ERR?'))
      if (entry.code === 0) break
      errors.push(entry)
    }
  } catch (error) {
    throw unreachable(instrument, error)
  }
  return errors
}

/** One console line: a query's reply (a timeout becomes an entry, not a failure), then the drained errors. */
async function exchange(transport: TransportOf, instrument: InstrumentName, command: string): Promise<ScpiExchange> {
  const t = transport(instrument)
  const errors: ScpiErrorEntry[] = []
  let reply: string | null = null
  try {
    if (command.includes('?')) reply = await t.query(command)
    else await t.write(command)
  } catch (error) {
    if (!isTimeout(error)) throw unreachable(instrument, error)
    errors.push({ code: null, message: (error as Error).message })
  }
  errors.push(...(await drainErrors(transport, instrument)))
  return { reply, errors }
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
