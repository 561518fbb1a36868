import { runCharts } from '@dvt/charts'
import { useMemo } from 'react'
import { useDownload } from '../../../lib/use-download'
import { downloadReport, getMeasurements, getRun } from '../api/runs'
import { useAsync } from './use-async'

/** A run with its results and events, its charts (from its measurements, read as Arrow) and the PDF download. */
export function useRunDetail(id: string) {
  const detail = useAsync(() => getRun(id), id)
  const rows = useAsync(() => getMeasurements(id), `m:${id}`)
  const test = detail.data?.run.test
  const charts = useMemo(() => (rows.data && test !== undefined ? runCharts(test, rows.data) : null), [rows.data, test])
  const measurements = { ...rows, data: charts }
  const pdf = useDownload(() => downloadReport(id))
  return { detail, measurements, pdf }
}
