import type { DvtConfig } from '@dvt/config'
import { createInstrumentSet, type InstrumentSet } from '@dvt/drivers'
import { benchIdentities, formatIdentity } from '@dvt/instruments'
import { INSTRUMENT_ROLES, type InstrumentRole } from '@dvt/protocol'
import { createScpiTcpServer, type ScpiTcpServer } from '@dvt/transports'
import { benchAddresses } from '../bench-addresses'

type BenchRole = InstrumentRole

/**
 * A minimal stand-in bench for runner tests, served over real TCP: it answers every query with a
 * configurable reply, advances a simulated time on `SIM:WAIT`, and logs every program unit. The
 * real instruments are exercised in test/e2e against `dvt serve`.
 */
export interface FakeBench {
  instruments: InstrumentSet
  config: Pick<DvtConfig, 'instruments'>
  /** Program units received per instrument (error queries left out). */
  log: Record<BenchRole, string[]>
  servers: Record<BenchRole, ScpiTcpServer>
  time: number
  /** When set, a line with `SIM:WAIT` is never answered (a paused simulation). */
  holdWaits?: boolean
  /** Extra answers: return a reply for a query unit, or undefined for the default. */
  answer?: (role: BenchRole, unit: string) => string | undefined
  /** Queue a SCPI error for a unit (e.g. `{ code: -222, message: 'Data out of range' }`). */
  fail?: (role: BenchRole, unit: string) => { code: number; message: string } | undefined
  close(): Promise<void>
}

/** The virtual bench's identities; the control port's firmware is `test`. */
const IDENTITIES = benchIdentities('test')

function answerUnit(bench: FakeBench, role: BenchRole, unit: string, errors: string[]): string | null {
  const upper = unit.replace(/^:/, '').toUpperCase()
  if (upper === 'SYST:ERR?') return errors.shift() ?? '+0,"No error"'
  bench.log[role].push(unit.replace(/^:/, ''))
  const failure = bench.fail?.(role, upper)
  if (failure) {
    errors.push(`${failure.code},"${failure.message}"`)
    return null
  }
  if (role === 'control' && upper.startsWith('SIM:WAIT ')) {
    bench.time += Number(upper.slice(9))
    return null
  }
  if (!upper.includes('?')) return null
  const custom = bench.answer?.(role, upper)
  if (custom !== undefined) return custom
  if (upper === '*IDN?') return formatIdentity(IDENTITIES[role])
  if (upper === '*OPC?') return '1'
  if (upper === 'SIM:TIME?') return String(bench.time)
  return '0'
}

/** Starts the fake instrument ports (one per role) on 127.0.0.1, port 0. */
export async function startFakeBench(): Promise<FakeBench> {
  const roles = INSTRUMENT_ROLES
  const bench = { log: {}, servers: {}, time: 1000 } as FakeBench
  for (const role of roles) {
    bench.log[role] = []
    const errors: string[] = []
    bench.servers[role] = await createScpiTcpServer({
      name: role,
      port: 0,
      device: {
        openSession: () => ({
          handle: (line) => {
            if (bench.holdWaits && line.toUpperCase().includes('SIM:WAIT')) return new Promise<null>(() => {})
            const replies = line.split(';').flatMap((unit) => {
              const reply = answerUnit(bench, role, unit.trim(), errors)
              return reply === null ? [] : [reply]
            })
            return replies.length > 0 ? replies.join(';') : null
          },
          inputError: () => {},
        }),
      },
    })
  }
  const s = bench.servers
  bench.config = {
    instruments: {
      backend: 'simulator',
      timeout_ms: 2000,
      simulator: {
        host: '127.0.0.1',
        port_base: 0,
        control_port: s.control.port,
        chamber_port: s.chamber.port,
        supply_port: s.supply.port,
        dmm_port: s.dmm.port,
        load_port: s.load.port,
        mux_port: s.mux.port,
        telemetry_port: 0,
      },
      visa: { chamber: null, supply: null, dmm: null, load: null, mux: null, sockets: null },
    },
  }
  bench.instruments = createInstrumentSet(benchAddresses(bench.config))
  bench.close = async () => {
    await bench.instruments.close()
    await Promise.all(roles.map((role) => s[role].close()))
  }
  return bench
}
