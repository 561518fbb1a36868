import { runCharts } from '@dvt/charts'
import { showsSocketColumn } from '@dvt/storage/records'
import { useMemo } from 'react'
import { duration, reading, shortId } from '../../../lib/format'
import { linkHandler } from '../../../lib/router'
import { PassBadge, StatusBadge } from '../../../lib/ui/badge'
import { MeasurementChart } from '../../../lib/ui/measurement-chart'
import type { LiveRun } from '../../../lib/ws-store'
import { progressFacts } from '../hooks/progress-facts'

/** The run's chart as its report will print it (for tempco: V_out vs temperature, the fit once there are two points). */
function LivePlot(props: { test: string; rows: LiveRun['rows'] }) {
  const spec = useMemo(() => {
    const charts = runCharts(props.test, props.rows)
    return charts.find((c) => c.kind === 'tempco' || c.parameter === 'vout') ?? charts[0]
  }, [props.test, props.rows])
  if (!spec) return <p className="muted">The live plot starts with the first measurement.</p>
  return <MeasurementChart spec={spec} />
}

/** Step, point k of n, simulated time, live plot; the verdict and a link to the run when done. */
export function RunProgressPanel(props: { run: LiveRun; running: boolean; onAbort: () => void }) {
  const { run, running } = props
  const { state } = run
  const facts = progressFacts(state)
  const bySocket = showsSocketColumn(state.results)
  return (
    <div className="run-progress" data-testid="run-progress">
      <div className="progress-head">
        <div>
          <div className="muted">Run {shortId(state.id)}</div>
          <div className="progress-step">{facts.step ?? 'starting…'}</div>
        </div>
        {running ? (
          <button type="button" className="btn btn-danger" onClick={props.onAbort}>
            Abort
          </button>
        ) : (
          <StatusBadge status={state.status} />
        )}
      </div>
      <div className="progress-facts">
        <span>{facts.points ?? 'no points yet'}</span>
        <span>simulated {duration(state.simTime)}</span>
        <span>{state.counts.measurements} readings</span>
      </div>
      {facts.fraction !== null && (
        <div className="progress-bar">
          <div style={{ width: `${(facts.fraction * 100).toFixed(1)}%` }} />
        </div>
      )}
      {state.progress?.message && <p className="muted">{state.progress.message}</p>}
      <LivePlot test={state.test} rows={run.rows} />
      {!running && (
        <div className={`verdict verdict-${state.status}`} data-testid="verdict">
          <strong>{state.status.toUpperCase()}</strong>
          {state.statusReason && <span> — {state.statusReason}</span>}
          <a href={`/results/${state.id}`} onClick={linkHandler(`/results/${state.id}`)}>
            Open the run
          </a>
        </div>
      )}
      {state.results.length > 0 && (
        <ul className="result-list">
          {state.results.map((r) => (
            <li key={`${r.parameter}@${r.socket ?? ''}`}>
              {bySocket && <span className="muted">socket {r.socket ?? '—'} </span>}
              <span className="mono">{r.parameter}</span> {reading(r.value, r.unit)} <PassBadge passed={r.passed} />
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
