import { describeSpeed, type SimSpeed } from '@dvt/protocol'
import type { SimServerInstrument } from './sim-server'

/** What {@link formatInstrumentTable} prints: the running server, or anything shaped like it. */
export interface InstrumentTableInput {
  readonly host: string
  readonly instruments: readonly SimServerInstrument[]
  readonly telemetryPort: number
  readonly telemetryHz?: number
  readonly clock: { readonly speed: SimSpeed; readonly paused?: boolean }
}

/**
 * The table `dvt serve` prints: one row per port with its role, port and `*IDN?`, then the telemetry stream and the
 * clock speed. (Tests and scripts read the ports from it: `^\s+<role>\s+<port>\s`.)
 */
export function formatInstrumentTable(server: InstrumentTableInput): string {
  const rows: [string, string, string][] = server.instruments.map((i) => [i.name, String(i.port), i.idn])
  const rate = server.telemetryHz === undefined ? '' : ` at ${server.telemetryHz} Hz`
  rows.push(['telemetry', String(server.telemetryPort), `NDJSON snapshots${rate}`])
  const width = Math.max('instrument'.length, ...rows.map((r) => r[0].length))
  const paused = server.clock.paused ? ' (paused)' : ''
  return [
    `  ${'instrument'.padEnd(width)}  port   *IDN?`,
    ...rows.map(([name, port, idn]) => `  ${name.padEnd(width)}  ${port.padEnd(5)}  ${idn}`),
    `  simulation speed: ${describeSpeed(server.clock.speed)}${paused}`,
  ].join('\n')
}
