import { useEffect, useState } from 'react'
import { downloadComparisonReport, getComparison, type RunComparison } from '../api/compare'

interface State {
  data: RunComparison | null
  error: string | null
}

/** The comparison of run b with run a, and the download of the PDF report that has it. */
export function useComparison(a: string, b: string) {
  const [state, setState] = useState<State>({ data: null, error: null })
  const [pdf, setPdf] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null })
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
  const download = async () => {
    setPdf({ busy: true, error: null })
    try {
      await downloadComparisonReport(a, b)
      setPdf({ busy: false, error: null })
    } catch (e) {
      setPdf({ busy: false, error: (e as Error).message })
    }
  }
  return { ...state, pdf, download }
}
