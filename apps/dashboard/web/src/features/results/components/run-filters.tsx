import { useEffect, useState } from 'react'
import type { RunFilters } from '../api/runs'

const statuses = ['passed', 'failed', 'error', 'aborted', 'running', 'pending']

/** Test, status, date range and free-text search above the runs table. */
export function RunFiltersBar(props: {
  filters: RunFilters
  testNames: string[]
  onChange: (patch: Partial<RunFilters>) => void
}) {
  const { filters, onChange } = props
  // The search box asks the server once typing pauses, not on every key.
  const [search, setSearch] = useState(filters.search ?? '')
  useEffect(() => {
    if (search === (filters.search ?? '')) return
    const timer = setTimeout(() => onChange({ search }), 250)
    return () => clearTimeout(timer)
  }, [search, filters.search, onChange])
  return (
    <div className="filters">
      <label className="field">
        <span className="field-label">Search</span>
        <input
          type="search"
          placeholder="ID, serial, operator, description"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      </label>
      <label className="field">
        <span className="field-label">Test</span>
        <select value={filters.test ?? ''} onChange={(e) => onChange({ test: e.target.value || undefined })}>
          <option value="">All tests</option>
          {props.testNames.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">Status</span>
        <select value={filters.status ?? ''} onChange={(e) => onChange({ status: e.target.value || undefined })}>
          <option value="">Any status</option>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">From</span>
        <input
          type="date"
          value={filters.from?.slice(0, 10) ?? ''}
          onChange={(e) => onChange({ from: e.target.value ? `${e.target.value}T00:00:00` : undefined })}
        />
      </label>
      <label className="field">
        <span className="field-label">To</span>
        <input
          type="date"
          value={filters.to?.slice(0, 10) ?? ''}
          onChange={(e) => onChange({ to: e.target.value ? `${e.target.value}T23:59:59.999` : undefined })}
        />
      </label>
    </div>
  )
}
