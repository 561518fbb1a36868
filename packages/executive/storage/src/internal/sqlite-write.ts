import type Database from 'better-sqlite3'

/**
 * Runs `work` as one SQLite transaction that writes, begun IMMEDIATE: it takes the write lock first, waiting for
 * another process's commit as long as the busy timeout allows. A deferred transaction that reads and then writes
 * would instead fail at once with SQLITE_BUSY when another process committed in between (two `dvt run-test` on one
 * file). Every write transaction of the SQLite store goes through here; read-only ones stay deferred.
 */
export function writeTransaction<T>(db: Database.Database, work: () => T): T {
  return db.transaction(work).immediate()
}
