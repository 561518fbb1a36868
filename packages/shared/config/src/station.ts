import { hostname } from 'node:os'
import type { DvtConfig } from './schema'

/**
 * The one rule of which station a thing belongs to: `station.name` when configured, else the station the bench names
 * (`benchStation`: what a simulated bench gives in its control port's `*IDN?`, packages/executive/framework/src/
 * provenance.ts), else this host's name. A bench itself (`dvt serve`) and the dashboard's local bench have no bench
 * to ask: `station.name`, else the host's name.
 */
export function stationName(config: Pick<DvtConfig, 'station'>, benchStation: string | null = null): string {
  return config.station.name ?? benchStation ?? hostname()
}
