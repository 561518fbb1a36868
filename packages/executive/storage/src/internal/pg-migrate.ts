import type pg from 'pg'
import { safeUrl } from './pg-errors'
import { MIGRATION_LOCK, MIGRATIONS, SCHEMA_VERSION, schemaTooNew } from './schema'

const UNDEFINED_TABLE = '42P01'

/** The version recorded in `dvt_schema` (0 for a new database): one round trip, as every command opens the store. */
export async function postgresSchemaVersion(pool: pg.Pool): Promise<number> {
  try {
    const { rows } = await pool.query<{ v: number | null }>('SELECT max(version) AS v FROM dvt_schema')
    return Number(rows[0]?.v ?? 0)
  } catch (error) {
    if ((error as { code?: string }).code === UNDEFINED_TABLE) return 0
    throw error
  }
}

/** The same inside a transaction, where a failed statement would abort it: asks whether the table exists first. */
async function versionInTransaction(client: pg.PoolClient): Promise<number> {
  const exists = await client.query<{ t: string | null }>("SELECT to_regclass('dvt_schema')::text AS t")
  if (exists.rows[0]?.t == null) return 0
  const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM dvt_schema')
  return Number(rows[0]?.v ?? 0)
}

/**
 * Brings the database to SCHEMA_VERSION, each step in its own transaction under an advisory lock (two stations
 * starting at once migrate once). Refuses a database whose schema is newer than this code.
 */
export async function migratePostgres(pool: pg.Pool, url: string): Promise<void> {
  const current = await postgresSchemaVersion(pool)
  if (current === SCHEMA_VERSION) return
  const client = await pool.connect()
  try {
    for (const migration of MIGRATIONS) {
      await client.query('BEGIN')
      try {
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
        await client.query(
          'CREATE TABLE IF NOT EXISTS dvt_schema (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
        )
        const version = await versionInTransaction(client)
        if (version > SCHEMA_VERSION) throw schemaTooNew(`the database ${safeUrl(url)}`, version, 'data.database_url')
        if (migration.version > version) {
          await client.query(migration.postgres)
          await client.query('INSERT INTO dvt_schema (version, description) VALUES ($1, $2)', [
            migration.version,
            migration.description,
          ])
        }
        await client.query('COMMIT')
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined)
        throw error
      }
    }
  } finally {
    client.release()
  }
}
