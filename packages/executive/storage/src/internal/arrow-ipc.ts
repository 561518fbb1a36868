import type { MeasurementColumns } from './measurement-columns'

/** A run's measurements as an Arrow IPC stream; apache-arrow loads on first use. */
export async function columnsToArrowIpc(columns: MeasurementColumns): Promise<Uint8Array> {
  const [{ tableToIPC }, { columnsToArrowTable }] = await Promise.all([
    import('apache-arrow'),
    import('../measurements-arrow'),
  ])
  return tableToIPC(columnsToArrowTable(columns), 'stream')
}
