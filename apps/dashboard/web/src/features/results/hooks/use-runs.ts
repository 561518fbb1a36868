import { useCallback, useState } from 'react'
import { useBenches } from '../../../lib/use-live'
import { listRuns, listTestNames, type RunFilters } from '../api/runs'
import { useAsync } from './use-async'

export const pageSize = 20

/** The filters a link may start the page with: `/results?station=bench-2`. */
function filtersOfAddress(): RunFilters {
  const station = new URLSearchParams(window.location.search).get('station')
  return { limit: pageSize, offset: 0, ...(station ? { station } : {}) }
}

/**
 * The stations the Results page offers: the benches of the fleet, any other station on the page shown, and the one
 * filtered by (so the choice stays visible).
 */
function stationChoices(benches: string[], runs: ReadonlyArray<{ station: string | null }>, chosen?: string) {
  const seen = runs.map((run) => run.station).filter((s): s is string => s !== null)
  return [...new Set([...benches, ...seen, ...(chosen ? [chosen] : [])])]
}

/** The runs table: filters, paging and the current page. */
export function useRuns() {
  const [filters, setFilters] = useState<RunFilters>(filtersOfAddress)
  const benches = useBenches()
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
    stations: stationChoices(
      benches.map((b) => b.name),
      page.data?.runs ?? [],
      filters.station,
    ),
  }
}
