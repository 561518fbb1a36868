import type { FleetBench } from '@dvt/config'
import type { TransportTarget } from '@dvt/drivers'
import type { InstrumentRole } from '@dvt/protocol'
import { DashboardError } from '../errors'
import type { BenchInfo } from '../schemas/messages'
import { type BenchClient, createBenchClient } from './bench-client'
import { createTelemetryClient, type TelemetryClient, type TelemetryClientOptions } from './telemetry-client'

/** The dashboard's connections to one bench: its telemetry stream (reconnecting) and its SCPI ports (lazily). */
export interface BenchLink {
  readonly info: BenchInfo
  readonly telemetry: TelemetryClient
  readonly control: BenchClient
}

/** Every bench the dashboard follows, in the configured order; the first is the default (the local bench). */
export interface Fleet {
  readonly links: readonly BenchLink[]
  /** The bench named `name`, or the first without one; an unknown name is a 404 naming the known ones. */
  get(name?: string): BenchLink
  close(): Promise<void>
}

export interface FleetMember {
  bench: FleetBench
  /** Where its instruments are (`benchAddresses(…).targets`): a real bench's VISA resources, a simulator's ports. */
  targets: Partial<Record<InstrumentRole, TransportTarget>>
}

export interface FleetOptions extends Pick<TelemetryClientOptions, 'minBackoffMs' | 'maxBackoffMs'> {}

/**
 * Connects to every bench at once. A bench that is down is only disconnected (its telemetry client keeps
 * reconnecting with backoff; an SCPI request to it is a 502 sentence): nothing a bench does stops the dashboard.
 */
export function createFleet(members: readonly FleetMember[], options: FleetOptions = {}): Fleet {
  const links = members.map(({ bench, targets }) => ({
    info: { name: bench.name, host: bench.host, ports: { ...bench.ports } },
    telemetry: createTelemetryClient({ host: bench.host, port: bench.ports.telemetry, ...options }),
    control: createBenchClient({ targets }),
  }))
  const byName = new Map(links.map((link) => [link.info.name, link]))
  return {
    links,
    get(name) {
      const link = name === undefined ? links[0] : byName.get(name)
      if (link) return link
      const known = links.map((l) => `"${l.info.name}"`).join(', ')
      throw new DashboardError(
        'DASHBOARD_NOT_FOUND',
        `there is no bench "${name}" — this dashboard follows ${known} (dashboard.benches)`,
      )
    },
    async close() {
      for (const link of links) link.telemetry.close()
      await Promise.allSettled(links.map((link) => link.control.close()))
    },
  }
}
