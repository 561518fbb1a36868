import { ErrorNote, PageHeader, Panel } from '../../../lib/ui/panel'
import { pageSize, useRuns } from '../hooks/use-runs'
import { RunFiltersBar } from './run-filters'
import { RunsTable } from './runs-table'

/** Every stored run: filters, search, paging. */
export function ResultsPage() {
  const { filters, update, goTo, reload, page, testNames, stations } = useRuns()
  const total = page.data?.total ?? 0
  const first = total === 0 ? 0 : filters.offset + 1
  const last = Math.min(filters.offset + pageSize, total)
  return (
    <div className="page">
      <PageHeader
        title="Results"
        subtitle="Stored runs, newest first."
        actions={
          <button type="button" className="btn" onClick={reload}>
            Refresh
          </button>
        }
      />
      <Panel>
        <RunFiltersBar filters={filters} testNames={testNames} stations={stations} onChange={update} />
        <ErrorNote message={page.error} />
        {page.data && <RunsTable runs={page.data.runs} />}
        <div className="pager">
          <span className="muted">
            {first}–{last} of {total}
          </span>
          <button
            type="button"
            className="btn"
            disabled={filters.offset === 0}
            onClick={() => goTo(filters.offset - pageSize)}
          >
            Previous
          </button>
          <button
            type="button"
            className="btn"
            disabled={last >= total}
            onClick={() => goTo(filters.offset + pageSize)}
          >
            Next
          </button>
        </div>
      </Panel>
    </div>
  )
}
