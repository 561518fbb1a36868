import type Database from 'better-sqlite3'
import type { CampaignDb, SqlStatement } from './campaign-store'
import { writeTransaction } from './sqlite-write'

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
      writeTransaction(db, () => {
        for (const s of statements) {
          const { changes } = prepare(s.sql).run(...s.params.map(sqliteValue))
          if (changes === 0 && s.mustChange) throw s.mustChange()
        }
      })
    },
    isUniqueViolation: (error) =>
      /^SQLITE_CONSTRAINT_(PRIMARYKEY|UNIQUE)$/.test((error as { code?: string }).code ?? ''),
  }
}
