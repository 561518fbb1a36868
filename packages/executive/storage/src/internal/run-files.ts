import { mkdirSync, rmdirSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import type { RunRecord } from '../records'
import { StorageError } from '../storage-error'
import { type RunFileMeta, runParquetPath } from './hive-path'
import type { MeasurementColumns } from './measurement-columns'
import { type StagedBatch, stagedChunks } from './staged-chunks'

// Parquet and Arrow load on first use: listing runs (the CLI's most frequent call) never needs them.
const parquet = () => import('./measurements-parquet')

export function runFileMeta(run: RunRecord): RunFileMeta {
  return {
    runId: run.id,
    station: run.station,
    test: run.test,
    serial: run.dutSerial,
    campaignId: run.campaignId,
    startedAt: run.startedAt,
  }
}

/** Compacts a run's staged batches (in append order) into its file of the dataset; returns the path and row count. */
export async function writeRunParquet(
  measurementsDir: string,
  run: RunRecord,
  batches: Iterable<StagedBatch>,
): Promise<{ path: string; count: number }> {
  const meta = runFileMeta(run)
  const path = runParquetPath(measurementsDir, meta)
  mkdirSync(dirname(path), { recursive: true })
  const { writeMeasurementsParquet } = await parquet()
  const count = writeMeasurementsParquet(path, meta, stagedChunks(batches), `dvt-bench ${run.softwareVersion}`)
  return { path, count }
}

/** Reads a compacted run back; a missing file is one sentence naming it. */
export async function readRunParquet(runId: string, path: string): Promise<MeasurementColumns> {
  try {
    const { readMeasurementsParquet } = await parquet()
    return await readMeasurementsParquet(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    throw new StorageError(
      'STORAGE_MEASUREMENTS_MISSING',
      `the measurements file of run ${runId} is missing (${path}) — was data.measurements_dir moved or cleaned?`,
      { cause: error },
    )
  }
}

/**
 * Rewrites a file of the old layout (`run_<id>/measurements.parquet`, without the metadata columns) into the
 * dataset and removes the old one. Returns the new path, or null when the old file is gone.
 */
export async function moveLegacyParquet(measurementsDir: string, run: RunRecord): Promise<string | null> {
  if (run.parquetPath === null) return null
  const { readMeasurementsParquet, writeMeasurementsParquet } = await parquet()
  let columns: MeasurementColumns
  try {
    columns = await readMeasurementsParquet(run.parquetPath)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
  const meta = runFileMeta(run)
  const path = runParquetPath(measurementsDir, meta)
  if (path === run.parquetPath) return path
  mkdirSync(dirname(path), { recursive: true })
  writeMeasurementsParquet(path, meta, columns.length > 0 ? [columns] : [], `dvt-bench ${run.softwareVersion}`)
  rmSync(run.parquetPath, { force: true })
  try {
    rmdirSync(dirname(run.parquetPath))
  } catch {
    // Not empty (a session file, something of the user's): leave the folder.
  }
  return path
}
