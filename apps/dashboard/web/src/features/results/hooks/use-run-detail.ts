import { useState } from 'react'
import { seriesByParameter } from '../../../lib/measurement-series'
import { downloadReport, getMeasurements, getRun } from '../api/runs'
import { useAsync } from './use-async'

/** A run with its results and events, its measurement series (Arrow) and the PDF download. */
export function useRunDetail(id: string) {
  const detail = useAsync(() => getRun(id), id)
  const measurements = useAsync(async () => seriesByParameter(await getMeasurements(id)), `m:${id}`)
  const [pdf, setPdf] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null })
  const download = async () => {
    setPdf({ busy: true, error: null })
    try {
      await downloadReport(id)
      setPdf({ busy: false, error: null })
    } catch (e) {
      setPdf({ busy: false, error: (e as Error).message })
    }
  }
  return { detail, measurements, pdf, download }
}
