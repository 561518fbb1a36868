import { useState } from 'react'

/** A download started from a button: whether it is under way, and its error in one sentence. */
export function useDownload(run: () => Promise<void>) {
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null })
  const start = async () => {
    setState({ busy: true, error: null })
    try {
      await run()
      setState({ busy: false, error: null })
    } catch (e) {
      setState({ busy: false, error: (e as Error).message })
    }
  }
  return { ...state, start }
}
