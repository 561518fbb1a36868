import { useMemo } from 'react'
import { duration, reading, shortId } from '../../../lib/format'
import { seriesByParameter } from '../../../lib/measurement-series'
import { linkHandler } from '../../../lib/router'
import { PassBadge, StatusBadge } from '../../../lib/ui/badge'
import { MeasurementChart } from '../../../lib/ui/measurement-chart'
import type { RunProgress as Progress } from '../hooks/run-progress'

function LivePlot(props: { progress: Progress }) {
  const series = useMemo(() => {
    const all = seriesByParameter(props.progress.rows, 1500)
    return all.find((s) => s.parameter === 'vout') ?? all[0]
  }, [props.progress.rows])
  if (!series) return <p className="muted">The live plot starts with the first measurement.</p>
  return <MeasurementChart series={series} index={1} />
}

/** Step, point k of n, simulated time, live plot; the verdict and a link to the run when done. */
export function RunProgressPanel(props: { progress: Progress; running: boolean; onAbort: () => void }) {
  const { progress: p, running } = props
  const fraction = p.point !== null && p.of ? Math.min(1, p.point / p.of) : null
  return (
    <div className="run-progress" data-testid="run-progress">
      <div className="progress-head">
        <div>
          <div className="muted">Run {p.runId ? shortId(p.runId) : '—'}</div>
          <div className="progress-step">{p.step ?? 'starting…'}</div>
        </div>
        {running ? (
          <button type="button" className="btn btn-danger" onClick={props.onAbort}>
            Abort
          </button>
        ) : (
          p.status && <StatusBadge status={p.status} />
        )}
      </div>
      <div className="progress-facts">
        <span>{p.point !== null && p.of !== null ? `point ${p.point} of ${p.of}` : 'no points yet'}</span>
        <span>simulated {p.elapsedS === null ? '—' : duration(p.elapsedS)}</span>
        <span>{p.rows.length} readings</span>
      </div>
      {fraction !== null && (
        <div className="progress-bar">
          <div style={{ width: `${(fraction * 100).toFixed(1)}%` }} />
        </div>
      )}
      {p.message && <p className="muted">{p.message}</p>}
      <LivePlot progress={p} />
      {p.status && (
        <div className={`verdict verdict-${p.status}`} data-testid="verdict">
          <strong>{p.status.toUpperCase()}</strong>
          {p.statusReason && <span> — {p.statusReason}</span>}
          {p.runId && (
            <a href={`/results/${p.runId}`} onClick={linkHandler(`/results/${p.runId}`)}>
              Open the run
            </a>
          )}
        </div>
      )}
      {p.results.length > 0 && (
        <ul className="result-list">
          {p.results.map((r) => (
            <li key={r.name}>
              <span className="mono">{r.name}</span> {reading(r.value, r.unit)} <PassBadge passed={r.passed} />
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
