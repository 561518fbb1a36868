import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DVT_BIN } from './support/dvt-process'

const dir = mkdtempSync(join(tmpdir(), 'dvt-lazy-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The npm packages a `dvt` command resolves while it runs. */
function packagesLoaded(args: string[], env: NodeJS.ProcessEnv = {}): string[] {
  const trace = join(import.meta.dirname, 'support', 'trace-imports.mjs')
  const r = spawnSync(process.execPath, ['--import', trace, DVT_BIN, ...args], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1', ...env },
    encoding: 'utf8',
  })
  expect(r.status, r.stderr).toBe(0)
  const names = r.stderr.matchAll(/^resolved file:\/\/.*\/node_modules\/((?:@[^/]+\/)?[^/@.][^/]*)\//gm)
  return [...new Set([...names].map((m) => m[1]!))].sort()
}

describe('dvt list-runs on SQLite stays light', () => {
  it('loads neither node-postgres nor DuckDB (nor Parquet or Arrow)', () => {
    const loaded = packagesLoaded(['list-runs'])
    expect(loaded).toContain('better-sqlite3')
    for (const heavy of [
      'pg',
      'pg-copy-streams',
      '@duckdb/node-api',
      'hyparquet',
      'hyparquet-writer',
      'apache-arrow',
    ]) {
      expect(loaded).not.toContain(heavy)
    }
  })

  it('dvt sql loads DuckDB, and neither database driver', () => {
    const loaded = packagesLoaded(['sql', 'SELECT 1 AS one', '--json'])
    expect(loaded).toContain('@duckdb/node-api')
    expect(loaded).not.toContain('pg')
    expect(loaded).not.toContain('better-sqlite3')
  })
})
