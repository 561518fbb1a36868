import type pg from 'pg'
import type { CampaignDb, SqlStatement } from './campaign-store'
import { inTransaction } from './pg-writes'
import { numberPlaceholders } from './run-query-sql'

// Apart from the SQLite one (campaign-db.ts), so a SQLite store never loads node-postgres or pg-copy-streams.

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
