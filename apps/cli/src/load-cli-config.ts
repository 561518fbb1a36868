import { type DvtConfig, loadConfig } from '@dvt/config'
import { BENCH_PORTS, MAX_PORT_BASE, parseSpeed } from '@dvt/protocol'
import { CliError } from './cli-error'

export interface ConfigFlags {
  config?: string
  speed?: string
  host?: string
  /** `dvt serve --sockets N`: bench.sockets. */
  sockets?: string
  /** A DUT file (`dvt serve --dut`): the part the bench hosts. */
  dut?: string
  /** `--port-base N` (commands/bench-options.ts): every listener of the bench at N + its offset. */
  portBase?: string
  /** `--station NAME`: station.name, stored with every run. */
  station?: string
}

/**
 * `--port-base N`: where the bench's ports start (`benchPorts(N)`), up to MAX_PORT_BASE so that every offset fits;
 * 0 is any free ports (for the commands that listen).
 */
export function parsePortBase(text: string): number {
  const value = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN
  if (!(value >= 0 && value <= MAX_PORT_BASE)) {
    throw new CliError(
      'CLI_USAGE',
      `--port-base takes a port from 1 to ${MAX_PORT_BASE} (0: any free ports), got "${text}"`,
    )
  }
  return value
}

/**
 * `--port-base N` puts every listener at N + its offset: the port base, and no per-listener override left from the
 * file or the environment (those are for a bench laid out by hand).
 */
function portBaseOverrides(text: string): Record<string, number | null> {
  const overrides: Record<string, number | null> = { port_base: parsePortBase(text) }
  for (const name of BENCH_PORTS) overrides[`${name}_port`] = null
  return overrides
}

/**
 * The effective configuration: file (`--config` or config/default.yaml) ← DVT__ environment ← `--dut` ← flags.
 * The one place where flags become config keys.
 */
export function loadCliConfig(flags: ConfigFlags, extra: Record<string, unknown> = {}): DvtConfig {
  const overrides: Record<string, Record<string, unknown>> = {}
  const sources: string[] = []
  if (flags.speed !== undefined) {
    overrides.simulation = { speed: parseSpeed(flags.speed) }
    sources.push('--speed')
  }
  if (flags.host !== undefined || flags.portBase !== undefined) {
    overrides.instruments = {
      simulator: {
        ...(flags.host !== undefined ? { host: flags.host } : {}),
        ...(flags.portBase !== undefined ? portBaseOverrides(flags.portBase) : {}),
      },
    }
    if (flags.host !== undefined) sources.push('--host')
    if (flags.portBase !== undefined) sources.push('--port-base')
  }
  if (flags.sockets !== undefined) {
    const n = Number(flags.sockets)
    overrides.bench = { sockets: flags.sockets.trim() !== '' && Number.isFinite(n) ? n : flags.sockets }
    sources.push('--sockets')
  }
  if (flags.station !== undefined) {
    overrides.station = { name: flags.station }
    sources.push('--station')
  }
  for (const [section, values] of Object.entries(extra)) {
    overrides[section] = { ...(overrides[section] ?? {}), ...(values as Record<string, unknown>) }
  }
  return loadConfig({
    ...(flags.config !== undefined ? { path: flags.config } : {}),
    ...(flags.dut !== undefined ? { dutFile: flags.dut } : {}),
    overrides,
    overridesSource: sources.join(', ') || 'the command line',
  })
}
