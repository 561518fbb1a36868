import type { SimSpeed } from '@dvt/physics'
import type { SimInstrumentName, SimServerInstrument } from './sim-server'

/** What {@link formatInstrumentTable} prints: the running server, or anything shaped like it. */
export interface InstrumentTableInput {
  readonly host: string
  readonly instruments: readonly SimServerInstrument[]
  readonly telemetryPort: number
  readonly telemetryHz?: number
  readonly clock: { readonly speed: SimSpeed; readonly paused?: boolean }
}

const TITLES: Readonly<Record<SimInstrumentName, string>> = {
  control: 'simulation control',
  chamber: 'thermal chamber',
  supply: 'power supply',
  dmm: 'multimeter',
  load: 'electronic load',
}

/** `60× real time`, `max (lockstep: time moves when a client waits)`. */
export function describeSpeed(speed: SimSpeed): string {
  return speed === 'max' ? 'max (lockstep: time moves only when a client waits)' : `${speed}× real time`
}

/**
 * The table `dvt serve` prints: one row per port with its role, address and `*IDN?`, then the
 * telemetry stream and the clock speed.
 */
export function formatInstrumentTable(server: InstrumentTableInput): string {
  const rows: [string, string, string][] = server.instruments.map((i) => [
    TITLES[i.name],
    `${server.host}:${i.port}`,
    i.idn,
  ])
  const rate = server.telemetryHz === undefined ? '' : ` at ${server.telemetryHz} Hz`
  rows.push(['telemetry stream', `${server.host}:${server.telemetryPort}`, `NDJSON snapshots${rate}`])
  const width = (k: 0 | 1) => Math.max(...rows.map((r) => r[k].length))
  const lines = rows.map(([role, address, idn]) => `  ${role.padEnd(width(0))}  ${address.padEnd(width(1))}  ${idn}`)
  const paused = server.clock.paused ? ' (paused)' : ''
  return [...lines, `  simulation speed: ${describeSpeed(server.clock.speed)}${paused}`].join('\n')
}
