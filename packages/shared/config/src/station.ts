import { hostname } from 'node:os'
import type { DvtConfig } from './schema'

/**
 * The station this process is, for what it serves and shows: `station.name`, or this host's name. A run resolves its
 * station later, from the bench it drives (packages/executive/framework/src/provenance.ts): the configured name, else
 * the one a simulated bench names, else this host's.
 */
export function stationName(config: Pick<DvtConfig, 'station'>): string {
  return config.station.name ?? hostname()
}
