import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTempStorage, newRun, sampleRows, type TempStorage } from '../testing/temp-storage'
import { runSql } from './index'

let t: TempStorage
beforeEach(() => {
  t = createTempStorage()
})
afterEach(() => t.cleanup())

async function finishedRun(station: string, rows: number, startedAt: string): Promise<string> {
  const { id } = await t.storage.createRun(newRun({ station, startedAt }))
  await t.storage.startRun(id)
  await t.storage.appendMeasurements(id, sampleRows(rows))
  await t.storage.completeRun(id, { status: 'passed', completedAt: startedAt })
  return id
}

describe('runSql over the measurements dataset', () => {
  it('spans every run of every station, with the metadata columns and the date partition', async () => {
    const a = await finishedRun('east', 30, '2025-04-01T08:00:00Z')
    await finishedRun('west', 12, '2025-04-02T08:00:00Z')
    await finishedRun('west', 3, '2025-04-03T08:00:00Z')
    const result = await runSql(
      t.measurementsDir,
      `SELECT station, count(*) AS n, count(DISTINCT run_id) AS runs, min(date) AS first, round(sum(value), 6) AS total
       FROM measurements GROUP BY station ORDER BY station`,
    )
    expect(result.columns).toEqual(['station', 'n', 'runs', 'first', 'total'])
    const sum = (n: number) => Math.round(sampleRows(n).reduce((s, r) => s + r.value, 0) * 1e6) / 1e6
    expect(result.rows).toEqual([
      { station: 'east', n: 30, runs: 1, first: '2025-04-01', total: sum(30) },
      { station: 'west', n: 15, runs: 2, first: '2025-04-02', total: expect.closeTo(sum(12) + sum(3), 6) },
    ])
    const one = await runSql(
      t.measurementsDir,
      `SELECT * FROM measurements WHERE run_id = '${a}' ORDER BY sim_time LIMIT 1`,
    )
    expect(one.rows[0]).toMatchObject({ run_id: a, test: 'tempco', serial: 'LDO-0001', campaign_id: null, value: 3.3 })
    expect(one.rows[0]!.timestamp).toBe(new Date(sampleRows(1)[0]!.timestamp).toISOString())
  })

  it('answers with no rows before any run, and refuses a bad query in one sentence', async () => {
    expect((await runSql(t.measurementsDir, 'SELECT count(*) AS n FROM measurements')).rows).toEqual([{ n: 0 }])
    await expect(runSql(t.measurementsDir, 'SELEC 1')).rejects.toThrowError(
      expect.objectContaining({
        code: 'STORAGE_BAD_QUERY',
        message: expect.stringMatching(
          /^DuckDB refused the query: Parser Error: syntax error at or near "SELEC" — the view "measurements" has the columns run_id, .*, date$/,
        ),
      }),
    )
    await expect(runSql(t.measurementsDir, "SELECT * FROM sqlite_scan('x.db', 'runs')")).rejects.toThrowError(
      /^DuckDB refused the query: Catalog Error: .*sqlite_scan/,
    )
  })
})
