import { useEffect, useState } from 'react'
import { useDownload } from '../../../lib/use-download'
import { downloadComparisonReport, getComparison, type RunComparison } from '../api/compare'

interface State {
  data: RunComparison | null
  error: string | null
}

/** The comparison of run b with run a, and the download of the PDF report that has it. */
export function useComparison(a: string, b: string) {
  const [state, setState] = useState<State>({ data: null, error: null })
  useEffect(() => {
    let current = true
    setState({ data: null, error: null })
    getComparison(a, b).then(
      (data) => current && setState({ data, error: null }),
      (e: Error) => current && setState({ data: null, error: e.message }),
    )
    return () => {
      current = false
    }
  }, [a, b])
  const pdf = useDownload(() => downloadComparisonReport(a, b))
  return { ...state, pdf }
}
