import { RUN_STATUSES } from '@dvt/storage/records'
import { useEffect, useState } from 'react'
import { Field } from '../../../lib/ui/field'
import type { RunFilters } from '../api/runs'

const filterId = (label: string) => `filter-${label.toLowerCase()}`

/** A select whose empty option means "no filter". */
function SelectFilter<T extends string>(props: {
  label: string
  any: string
  value: T | undefined
  options: readonly T[]
  onChange: (value: T | undefined) => void
}) {
  return (
    <Field id={filterId(props.label)} label={props.label}>
      <select
        id={filterId(props.label)}
        value={props.value ?? ''}
        onChange={(e) => props.onChange(e.target.value === '' ? undefined : (e.target.value as T))}
      >
        <option value="">{props.any}</option>
        {props.options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </Field>
  )
}

/** A date bound: the ISO timestamp of the picked day at `time`. */
function DateFilter(props: {
  label: string
  time: string
  value: string | undefined
  onChange: (iso: string | undefined) => void
}) {
  return (
    <Field id={filterId(props.label)} label={props.label}>
      <input
        id={filterId(props.label)}
        type="date"
        value={props.value?.slice(0, 10) ?? ''}
        onChange={(e) => props.onChange(e.target.value ? `${e.target.value}T${props.time}` : undefined)}
      />
    </Field>
  )
}

/** Test, station, status, date range and free-text search above the runs table. */
export function RunFiltersBar(props: {
  filters: RunFilters
  testNames: string[]
  stations: string[]
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
      <Field id={filterId('Search')} label="Search">
        <input
          id={filterId('Search')}
          type="search"
          placeholder="ID, serial, operator, description"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      </Field>
      <SelectFilter
        label="Test"
        any="All tests"
        value={filters.test}
        options={props.testNames}
        onChange={(test) => onChange({ test })}
      />
      <SelectFilter
        label="Station"
        any="All stations"
        value={filters.station}
        options={props.stations}
        onChange={(station) => onChange({ station })}
      />
      <SelectFilter
        label="Status"
        any="Any status"
        value={filters.status}
        options={RUN_STATUSES}
        onChange={(status) => onChange({ status })}
      />
      <DateFilter label="From" time="00:00:00" value={filters.from} onChange={(from) => onChange({ from })} />
      <DateFilter label="To" time="23:59:59.999" value={filters.to} onChange={(to) => onChange({ to })} />
    </div>
  )
}
