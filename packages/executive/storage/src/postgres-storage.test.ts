import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { MIGRATIONS, SCHEMA_VERSION } from './internal/schema'
import { openStorageBackend } from './open-storage'
import type { PostgresStorage } from './postgres-storage'
import { newRun, sampleRows } from './testing'
import { type PgCluster, startPgCluster } from './testing/pg-cluster'

let cluster: PgCluster
let dir: string
let n = 0
beforeAll(async () => {
  cluster = await startPgCluster()
})
afterAll(() => cluster?.destroy())
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dvt-pg-store-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

async function freshUrl(): Promise<string> {
  return cluster.createDatabase(`pgstore_${process.pid}_${++n}`)
}

function options(databaseUrl: string) {
  return {
    databaseUrl,
    databasePath: join(dir, 'data', 'dvt.db'),
    measurementsDir: join(dir, 'measurements'),
    spoolDir: join(dir, 'spool'),
  }
}

async function sql<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<T>(text)).rows
  } finally {
    await client.end()
  }
}

describe('PostgreSQL schema migrations', () => {
  it('creates every table at the current version, recorded step by step in dvt_schema', async () => {
    const url = await freshUrl()
    await (await openStorageBackend(options(url))).close()
    const steps = await sql<{ version: number; description: string }>(
      url,
      'SELECT version, description FROM dvt_schema ORDER BY version',
    )
    expect(steps).toEqual(MIGRATIONS.map((m) => ({ version: m.version, description: m.description })))
    expect(steps.at(-1)?.version).toBe(SCHEMA_VERSION)
    const tables = await sql<{ t: string }>(
      url,
      "SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
    )
    expect(tables.map((r) => r.t)).toEqual([
      'bench_locks',
      'campaign_duts',
      'campaign_points',
      'campaign_results',
      'campaigns',
      'dvt_schema',
      'events',
      'legacy_parquet',
      'measurements_staging',
      'results',
      'run_count',
      'run_feed',
      'runs',
    ])
  })

  it('upgrades a database of version 1 in place, keeping its runs and counting them', async () => {
    const url = await freshUrl()
    await sql(
      url,
      `CREATE TABLE dvt_schema (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now());
      ${MIGRATIONS[0]!.postgres}
      INSERT INTO dvt_schema (version, description) VALUES (1, 'v1');
      INSERT INTO runs (id, test, status, started_at, parameters, config, software_version)
      VALUES ('11111111-2222-4333-8444-555555555555', 'tempco', 'passed', '2025-01-01T00:00:00.000Z', '{}', '{}', '0.1.0')`,
    )
    const storage = await openStorageBackend(options(url))
    expect((await storage.listRuns()).total).toBe(1)
    expect((await storage.getRun('11111111-2222-4333-8444-555555555555'))?.provenance).toBeNull()
    await storage.close()
    expect((await sql<{ v: number }>(url, 'SELECT max(version) AS v FROM dvt_schema'))[0]?.v).toBe(SCHEMA_VERSION)
  })

  it('upgrades a database of version 3 in place, keeping its results with socket null', async () => {
    const url = await freshUrl()
    const id = '11111111-2222-4333-8444-666666666666'
    await sql(
      url,
      `CREATE TABLE dvt_schema (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now());
      ${MIGRATIONS.slice(0, 3)
        .map((m) => m.postgres)
        .join('\n')}
      INSERT INTO dvt_schema (version, description) VALUES (1, 'v1'), (2, 'v2'), (3, 'v3');
      INSERT INTO runs (id, test, status, started_at, parameters, config, software_version)
      VALUES ('${id}', 'tempco', 'passed', '2026-11-30T00:00:00.000Z', '{}', '{}', '0.1.0');
      INSERT INTO results (run_id, parameter, value, unit, lower_limit, upper_limit, passed)
      VALUES ('${id}', 'tempco_ppm_per_c', 49.8, 'ppm/°C', -100, 100, true)`,
    )
    const storage = await openStorageBackend(options(url))
    expect(await storage.getResults(id)).toEqual([
      {
        parameter: 'tempco_ppm_per_c',
        value: 49.8,
        unit: 'ppm/°C',
        lowerLimit: -100,
        upperLimit: 100,
        passed: true,
        socket: null,
      },
    ])
    await storage.close()
    expect((await sql<{ v: number }>(url, 'SELECT max(version) AS v FROM dvt_schema'))[0]?.v).toBe(SCHEMA_VERSION)
  })

  it('refuses a database whose schema is newer than this code, in one sentence', async () => {
    const url = await freshUrl()
    await (await openStorageBackend(options(url))).close()
    await sql(url, `INSERT INTO dvt_schema (version, description) VALUES (${SCHEMA_VERSION + 1}, 'from the future')`)
    await expect(openStorageBackend(options(url))).rejects.toThrowError(
      `the database ${url} has schema version ${SCHEMA_VERSION + 1}, newer than this dvt (${SCHEMA_VERSION}) — upgrade dvt or use another data.database_url`,
    )
  })
})

describe('an unreachable PostgreSQL', () => {
  it('is one sentence at open, and nothing is written anywhere', async () => {
    const url = 'postgres://dvt:secret@127.0.0.1:1/dvt'
    const error = (await openStorageBackend(options(url)).catch((e: unknown) => e)) as Error & { code: string }
    expect(error).toMatchObject({ code: 'STORAGE_UNREACHABLE' })
    expect(error.message).toMatch(
      /^cannot reach the database at postgres:\/\/dvt:\*\*\*@127\.0\.0\.1:1\/dvt \(.*ECONNREFUSED.*\) — is PostgreSQL running there\? Check data\.database_url$/,
    )
    expect(readdirSync(dir)).toEqual([])
  })
})

describe('a PostgreSQL outage in the middle of a run', () => {
  it('keeps every write in the local spool while the database is down and writes it, in order, when it is back', async () => {
    const url = await freshUrl()
    const storage = (await openStorageBackend(options(url))) as PostgresStorage
    const { id } = await storage.createRun(newRun())
    await storage.startRun(id)
    await storage.appendMeasurements(id, sampleRows(100))
    cluster.stop()
    try {
      // The run goes on: each write resolves once it is durable in the spool.
      for (let k = 100; k < 400; k += 100) await storage.appendMeasurements(id, sampleRows(100, k))
      await storage.addEvent(id, { time: new Date().toISOString(), simTime: 1, level: 'info', message: 'during' })
      await storage.publishRunEvent(id, { type: 'progress', during: true })
      expect(storage.spooled).toBe(5)
      expect(readdirSync(join(dir, 'spool')).filter((f) => f.endsWith('.db'))).toHaveLength(1)
      await expect(storage.getRun(id)).rejects.toThrowError(expect.objectContaining({ code: 'STORAGE_UNREACHABLE' }))
    } finally {
      cluster.start()
    }
    const done = await storage.completeRun(id, { status: 'passed', completedAt: new Date().toISOString() })
    expect(storage.spooled).toBe(0)
    expect(done).toMatchObject({ status: 'passed', measurementCount: 400 })
    expect(await storage.readMeasurements(id)).toEqual(sampleRows(400))
    expect((await storage.getEvents(id)).map((e) => e.message)).toEqual(['during'])
    expect(existsSync(join(dir, 'spool')) ? readdirSync(join(dir, 'spool')) : []).toEqual([])
    await storage.close()
  })
})
