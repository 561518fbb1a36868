import { useState } from 'react'
import { dateTime, shortId } from '../../../lib/format'
import { navigate } from '../../../lib/router'
import { listRuns } from '../api/runs'
import { useAsync } from '../hooks/use-async'

/** "Compare with…": another run of the same test, opened side by side with this one (the compare page). */
export function CompareWith(props: { id: string; test: string }) {
  const others = useAsync(
    async () => (await listRuns({ test: props.test, limit: 20, offset: 0 })).runs.filter((r) => r.id !== props.id),
    `compare:${props.id}`,
  )
  const [other, setOther] = useState('')
  const runs = others.data ?? []
  return (
    <div className="compare-with">
      <select
        aria-label="Compare with"
        value={other}
        onChange={(e) => setOther(e.target.value)}
        disabled={runs.length === 0}
        data-testid="compare-with"
      >
        <option value="">{runs.length === 0 ? 'No other run of this test' : 'Compare with…'}</option>
        {runs.map((r) => (
          <option key={r.id} value={r.id}>
            {shortId(r.id)} · {r.status} · {dateTime(r.startedAt)}
          </option>
        ))}
      </select>
      <button type="button" className="btn" disabled={!other} onClick={() => navigate(`/compare/${props.id}/${other}`)}>
        Compare
      </button>
    </div>
  )
}
