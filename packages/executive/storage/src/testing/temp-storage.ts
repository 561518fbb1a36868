import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStorage } from '../open-storage'
import type { MeasurementRow, NewRun } from '../records'
import type { SqliteStorage } from '../sqlite-storage'

export interface TempStorage {
  dir: string
  databasePath: string
  measurementsDir: string
  storage: SqliteStorage
  /** Opens another connection to the same files. */
  reopen(): SqliteStorage
  cleanup(): Promise<void>
}

/** A real SQLite store in a fresh temp dir. */
export function createTempStorage(): TempStorage {
  const dir = mkdtempSync(join(tmpdir(), 'dvt-storage-'))
  const databasePath = join(dir, 'db', 'dvt.db')
  const measurementsDir = join(dir, 'measurements')
  const opened: SqliteStorage[] = []
  const reopen = () => {
    const s = openStorage({ databasePath, measurementsDir })
    opened.push(s)
    return s
  }
  const storage = reopen()
  return {
    dir,
    databasePath,
    measurementsDir,
    storage,
    reopen,
    async cleanup() {
      await Promise.all(opened.map((s) => s.close()))
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export function newRun(overrides: Partial<NewRun> = {}): NewRun {
  return {
    id: randomUUID(),
    test: 'tempco',
    startedAt: '2025-03-01T10:00:00.000Z',
    operator: 'ada',
    dutSerial: 'LDO-0001',
    station: 'bench-1',
    description: 'first article',
    parameters: { points: [-40, 25, 85], settle_s: 600 },
    config: { simulation: { speed: 'max' } },
    seed: 42,
    softwareVersion: '0.1.0',
    ...overrides,
  }
}

const PARAMETERS = [
  ['v_out', 'V'],
  ['i_out', 'A'],
  ['t_case', '°C'],
] as const

/** Deterministic rows: every 7th has no load current, every 11th no input voltage. */
export function sampleRows(n: number, start = 0): MeasurementRow[] {
  const rows: MeasurementRow[] = []
  for (let k = start; k < start + n; k++) {
    const [parameter, unit] = PARAMETERS[k % PARAMETERS.length]!
    rows.push({
      timestamp: 1_740_823_200_000 + k * 10,
      simTime: k * 0.25,
      parameter,
      value: 3.3 + k * 1e-6,
      unit,
      temperature: -40 + (k % 125),
      inputVoltage: k % 11 === 0 ? null : 5 + (k % 3) * 0.5,
      loadCurrent: k % 7 === 0 ? null : 0.1 * (k % 5),
    })
  }
  return rows
}
