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

/** Creates the bench client; connections open lazily, one per instrument, and reconnect after a drop. */
export function createBenchClient(options: BenchClientOptions): BenchClient {
  const transports = new Map<InstrumentName, Transport>()
  const transport = (instrument: InstrumentName): Transport => {
    let t = transports.get(instrument)
    if (!t) {
      const target = options.targets[instrument]
      if (!target) {
        throw new DashboardError(
          'DASHBOARD_BAD_REQUEST',
          instrument === 'sim'
            ? 'there is no simulation control with instruments.backend: visa — only the simulator has it'
            : `the ${labels[instrument]} has no address — set its resource string in instruments.visa`,
        )
      }
      t = createTcpTransport({
        host: target.host,
        port: target.port,
        timeoutMs: options.timeoutMs,
        name: labels[instrument],
      })
      transports.set(instrument, t)
    }
    return t
  }

  const drainErrors = async (instrument: InstrumentName): Promise<ScpiErrorEntry[]> => {
    const errors: ScpiErrorEntry[] = []
    // The queue holds at most 20 entries (plus an overflow marker); stop there whatever happens.
    for (let i = 0; i < 22; i++) {
      const entry = parseErrorLine(await transport(instrument).query('SYST:ERR?'))
      if (entry.code === 0) break
      errors.push(entry)
    }
    return errors
  }

  const exchange = async (instrument: InstrumentName, command: string): Promise<ScpiExchange> => {
    const errors: ScpiErrorEntry[] = []
    let reply: string | null = null
    transport(instrument)
    try {
      if (command.includes('?')) reply = await transport(instrument).query(command)
      else await transport(instrument).write(command)
    } catch (error) {
      if (!isTimeout(error)) throw unreachable(instrument, error)
      errors.push({ code: null, message: (error as Error).message })
    }
    try {
      errors.push(...(await drainErrors(instrument)))
    } catch (error) {
      throw unreachable(instrument, error)
    }
    return { reply, errors }
  }

  return {
    exchange,
    async apply(control) {
      const sent = controlCommands(control)
      const errors: ControlResult['errors'] = []
      const touched = new Set<InstrumentName>()
      for (const { instrument } of sent) transport(instrument)
      for (const { instrument, command } of sent) {
        try {
          await transport(instrument).write(command)
        } catch (error) {
          throw unreachable(instrument, error)
        }
        touched.add(instrument)
      }
      for (const instrument of touched) {
        try {
          for (const e of await drainErrors(instrument)) errors.push({ instrument, ...e })
        } catch (error) {
          throw unreachable(instrument, error)
        }
      }
      return { sent, errors }
    },
    async close() {
      await Promise.allSettled([...transports.values()].map((t) => t.close()))
      transports.clear()
    },
  }
}
