import type Database from 'better-sqlite3'
import type pg from 'pg'
import type { CampaignDb, SqlStatement } from './campaign-store'
import { inTransaction } from './pg-writes'
import { numberPlaceholders } from './run-query-sql'

/** SQLite stores booleans as 0/1. */
const sqliteValue = (v: unknown) => (typeof v === 'boolean' ? (v ? 1 : 0) : v)

/** The campaign store's database on a SQLite connection (statements prepared once each). */
export function sqliteCampaignDb(db: Database.Database): CampaignDb {
  const prepared = new Map<string, Database.Statement>()
  const prepare = (sql: string) => {
    let statement = prepared.get(sql)
    if (!statement) {
      statement = db.prepare(sql)
      prepared.set(sql, statement)
    }
    return statement
  }
  return {
    like: 'LIKE',
    async all<T>(sql: string, params: readonly unknown[] = []) {
      return prepare(sql).all(...params.map(sqliteValue)) as T[]
    },
    async transaction(statements: readonly SqlStatement[]) {
      db.transaction(() => {
        for (const s of statements) {
          const { changes } = prepare(s.sql).run(...s.params.map(sqliteValue))
          if (changes === 0 && s.mustChange) throw s.mustChange()
        }
      }).immediate()
    },
    isUniqueViolation: (error) =>
      /^SQLITE_CONSTRAINT_(PRIMARYKEY|UNIQUE)$/.test((error as { code?: string }).code ?? ''),
  }
}

/** The campaign store's database on a PostgreSQL pool: each write list in one transaction on one connection. */
export function postgresCampaignDb(pool: pg.Pool): CampaignDb {
  return {
    like: 'ILIKE',
    async all<T>(sql: string, params: readonly unknown[] = []) {
      const { rows } = await pool.query(numberPlaceholders(sql), [...params])
      return rows as T[]
    },
    async transaction(statements: readonly SqlStatement[]) {
      await inTransaction(pool, async (client) => {
        for (const s of statements) {
          const { rowCount } = await client.query(numberPlaceholders(s.sql), [...s.params])
          if (rowCount === 0 && s.mustChange) throw s.mustChange()
        }
      })
    },
    isUniqueViolation: (error) => (error as { code?: string }).code === '23505',
  }
}
