import { type DvtConfig, loadConfig } from '@dvt/config'
import { parseSpeed } from '@dvt/protocol'

export interface ConfigFlags {
  config?: string
  speed?: string
  host?: string
  /** `dvt serve --sockets N`: bench.sockets. */
  sockets?: string
  /** A DUT file (`dvt serve --dut`): the part the bench hosts. */
  dut?: string
}

/** The effective configuration: file (`--config` or config/default.yaml) ← DVT__ environment ← `--dut` ← flags. */
export function loadCliConfig(flags: ConfigFlags, extra: Record<string, unknown> = {}): DvtConfig {
  const overrides: Record<string, Record<string, unknown>> = {}
  const sources: string[] = []
  if (flags.speed !== undefined) {
    overrides.simulation = { speed: parseSpeed(flags.speed) }
    sources.push('--speed')
  }
  if (flags.host !== undefined) {
    overrides.instruments = { simulator: { host: flags.host } }
    sources.push('--host')
  }
  if (flags.sockets !== undefined) {
    const n = Number(flags.sockets)
    overrides.bench = { sockets: flags.sockets.trim() !== '' && Number.isFinite(n) ? n : flags.sockets }
    sources.push('--sockets')
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
