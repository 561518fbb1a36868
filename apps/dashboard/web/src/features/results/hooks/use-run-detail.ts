import { seriesByParameter } from '../../../lib/measurement-series'
import { useDownload } from '../../../lib/use-download'
import { downloadReport, getMeasurements, getRun } from '../api/runs'
import { useAsync } from './use-async'

/** A run with its results and events, its measurement series (Arrow) and the PDF download. */
export function useRunDetail(id: string) {
  const detail = useAsync(() => getRun(id), id)
  const measurements = useAsync(async () => seriesByParameter(await getMeasurements(id)), `m:${id}`)
  const pdf = useDownload(() => downloadReport(id))
  return { detail, measurements, pdf }
}
