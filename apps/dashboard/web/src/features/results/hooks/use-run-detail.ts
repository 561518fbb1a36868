import { runCharts } from '@dvt/charts'
import { useMemo, useState } from 'react'
import { downloadReport, getMeasurements, getRun } from '../api/runs'
import { useAsync } from './use-async'

/** A run with its results and events, its charts (from its measurements, read as Arrow) and the PDF download. */
export function useRunDetail(id: string) {
  const detail = useAsync(() => getRun(id), id)
  const rows = useAsync(() => getMeasurements(id), `m:${id}`)
  const test = detail.data?.run.test
  const charts = useMemo(() => (rows.data && test !== undefined ? runCharts(test, rows.data) : null), [rows.data, test])
  const measurements = { ...rows, data: charts }
  const [pdf, setPdf] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null })
  const download = async () => {
    setPdf({ busy: true, error: null })
    try {
      const { blob, fileName } = await downloadReport(id)
      const url = URL.createObjectURL(blob)
      const a = document.createElement('a')
      a.href = url
      a.download = fileName
      a.click()
      setTimeout(() => URL.revokeObjectURL(url), 10_000)
      setPdf({ busy: false, error: null })
    } catch (e) {
      setPdf({ busy: false, error: (e as Error).message })
    }
  }
  return { detail, measurements, pdf, download }
}
