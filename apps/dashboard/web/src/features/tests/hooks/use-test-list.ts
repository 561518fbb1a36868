import { useEffect, useState } from 'react'
import { listTests, type TestInfo } from '../api/tests'

/** The tests the server offers (`GET /api/tests`). */
export function useTestList() {
  const [tests, setTests] = useState<TestInfo[]>([])
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    listTests().then(
      (r) => setTests(r.tests),
      (e: Error) => setError(e.message),
    )
  }, [])
  return { tests, error }
}
