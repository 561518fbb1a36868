import { INSTRUMENT_ROLES, INSTRUMENTS, type InstrumentRole } from './instruments'

/** What listens on a bench: the instrument ports plus the telemetry stream. */
export type BenchPort = InstrumentRole | 'telemetry'

/** Where the bench listens by default: control 5000, chamber 5001, …, telemetry 5009. docs/scpi.md#ports */
export const DEFAULT_PORT_BASE = 5000

/** The telemetry stream's offset from the port base. */
export const TELEMETRY_PORT_OFFSET = 9

/** The highest port base: its telemetry port is the highest TCP port, 65535. */
export const MAX_PORT_BASE = 65_535 - TELEMETRY_PORT_OFFSET

/** Every port of a bench, in listing order. */
export const BENCH_PORTS: readonly BenchPort[] = Object.freeze([...INSTRUMENT_ROLES, 'telemetry'])

/** A port's offset from the bench's port base. */
export function portOffset(port: BenchPort): number {
  return port === 'telemetry' ? TELEMETRY_PORT_OFFSET : INSTRUMENTS[port].portOffset
}

/** Every port of a bench whose ports start at `base`. */
export function benchPorts(base: number = DEFAULT_PORT_BASE): Record<BenchPort, number> {
  return Object.fromEntries(BENCH_PORTS.map((port) => [port, base + portOffset(port)])) as Record<BenchPort, number>
}

/** The default port of each listener: `benchPorts(DEFAULT_PORT_BASE)`. */
export const DEFAULT_PORTS: Readonly<Record<BenchPort, number>> = Object.freeze(benchPorts())
