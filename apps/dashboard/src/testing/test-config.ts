import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { configSchema, type DvtConfig } from '@dvt/config'

/** A port nothing listens on (bound once, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

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
  const names = ['control', 'chamber', 'supply', 'dmm', 'load', 'telemetry']
  const ports = await Promise.all(names.map(() => closedPort()))
  return Object.fromEntries(names.map((n, i) => [`${n}_port`, ports[i]]))
}
