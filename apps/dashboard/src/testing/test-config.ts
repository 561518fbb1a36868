import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { configSchema, type DvtConfig } from '@dvt/config'
import { BENCH_PORTS } from '@dvt/protocol'

/**
 * A loopback port that refuses connections: port 1 (tcpmux). Nothing listens there on these machines and no test
 * binds it. A port bound once and released would not do: a server of a test running in parallel can be given it.
 */
export const REFUSED_PORT = 1

/** A validated config whose data lives in a fresh temp directory; `cleanup()` removes it. */
export function testConfig(overrides: Record<string, Record<string, unknown>> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'dvt-dashboard-'))
  const config: DvtConfig = configSchema.parse({
    ...overrides,
    data: {
      database_path: join(dir, 'dvt.db'),
      measurements_dir: join(dir, 'measurements'),
      reports_dir: join(dir, 'reports'),
      ...overrides.data,
    },
  })
  return { config, dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** Simulator ports that refuse connections (so no `dvt serve` running on this machine is touched). */
export async function unreachableSimulator(): Promise<Record<string, unknown>> {
  return Object.fromEntries(BENCH_PORTS.map((n) => [`${n}_port`, REFUSED_PORT]))
}
