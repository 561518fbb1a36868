import type { MeasurementRow } from '@dvt/storage'
import parquet from 'parquetjs-lite'

/**
 * Benchmark baseline only (bench/logging.ts): writes rows the way the original design did, with parquetjs-lite
 * (row by row, default row groups). Not used by the store; see docs/adr/0002-parquet-writer.md.
 */
export async function writeWithParquetjsLite(
  path: string,
  runId: string,
  rows: readonly MeasurementRow[],
): Promise<void> {
  const schema = new parquet.ParquetSchema({
    run_id: { type: 'UTF8' },
    timestamp: { type: 'TIMESTAMP_MILLIS' },
    sim_time: { type: 'DOUBLE' },
    parameter: { type: 'UTF8' },
    value: { type: 'DOUBLE' },
    unit: { type: 'UTF8' },
    temperature: { type: 'DOUBLE', optional: true },
    input_voltage: { type: 'DOUBLE', optional: true },
    load_current: { type: 'DOUBLE', optional: true },
  })
  const writer = await parquet.ParquetWriter.openFile(schema, path)
  for (const r of rows) {
    await writer.appendRow({
      run_id: runId,
      timestamp: new Date(r.timestamp),
      sim_time: r.simTime,
      parameter: r.parameter,
      value: r.value,
      unit: r.unit,
      temperature: r.temperature ?? undefined,
      input_voltage: r.inputVoltage ?? undefined,
      load_current: r.loadCurrent ?? undefined,
    })
  }
  await writer.close()
}
