import type { MeasurementColumns } from './measurement-columns'
import { decodeBatches } from './staging-codec'

export interface StagedBatch {
  rowCount: number
  batch: Uint8Array
}

/** Rows per Parquet row group when compacting (and per decoded chunk held in memory at once). */
export const ROW_GROUP_ROWS = 100_000

/** Groups staged batches, in append order, into decoded chunks of about `rowsPerChunk` rows. */
export function* stagedChunks(
  batches: Iterable<StagedBatch>,
  rowsPerChunk = ROW_GROUP_ROWS,
): Generator<MeasurementColumns> {
  let pending: StagedBatch[] = []
  let rows = 0
  for (const b of batches) {
    pending.push(b)
    rows += b.rowCount
    if (rows >= rowsPerChunk) {
      yield decodeBatches(pending)
      pending = []
      rows = 0
    }
  }
  if (pending.length > 0) yield decodeBatches(pending)
}
