import { join } from 'node:path'

/** Hive's name for the partition of a missing value (a run without a station). */
export const HIVE_NULL = '__HIVE_DEFAULT_PARTITION__'

/** What places a run's file in the dataset (and is written into it as columns). */
export interface RunFileMeta {
  runId: string
  station: string | null
  test: string
  serial: string | null
  campaignId: string | null
  /** ISO-8601 start time; its UTC date is the `date=` partition. */
  startedAt: string
}

/** A partition value safe in a path: `/`, `\`, `=`, `%`, control and shell-special characters become `%XX`. */
export function hiveValue(value: string | null): string {
  if (value === null || value === '') return HIVE_NULL
  return value.replace(
    /[\u0000-\u001f/\\=%:*?"<>|#\u007f]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  )
}

/** `<dir>/station=<s>/test=<t>/date=<yyyy-mm-dd>/run_<id>.parquet`: one dataset for every run of every station. */
export function runParquetPath(measurementsDir: string, meta: RunFileMeta): string {
  return join(
    measurementsDir,
    `station=${hiveValue(meta.station)}`,
    `test=${hiveValue(meta.test)}`,
    `date=${new Date(meta.startedAt).toISOString().slice(0, 10)}`,
    `run_${meta.runId}.parquet`,
  )
}
