import { useCallback, useState } from 'react'
import { listRuns, listTestNames, type RunFilters } from '../api/runs'
import { useAsync } from './use-async'

export const pageSize = 20

/** The runs table: filters, paging and the current page. */
export function useRuns() {
  const [filters, setFilters] = useState<RunFilters>({ limit: pageSize, offset: 0 })
  const [refresh, setRefresh] = useState(0)
  const page = useAsync(() => listRuns(filters), `${JSON.stringify(filters)}#${refresh}`)
  const tests = useAsync(listTestNames, 'tests')
  const update = useCallback((patch: Partial<RunFilters>) => setFilters((f) => ({ ...f, offset: 0, ...patch })), [])
  const goTo = (offset: number) => setFilters((f) => ({ ...f, offset: Math.max(0, offset) }))
  return {
    filters,
    update,
    goTo,
    reload: () => setRefresh((n) => n + 1),
    page,
    testNames: tests.data?.tests.map((t) => t.name) ?? [],
  }
}
