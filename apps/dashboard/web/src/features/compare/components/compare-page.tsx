import { dateTime, shortId } from '../../../lib/format'
import { linkHandler } from '../../../lib/router'
import { StatusBadge } from '../../../lib/ui/badge'
import { ErrorNote, PageHeader, Panel } from '../../../lib/ui/panel'
import { PdfButton } from '../../../lib/ui/pdf-button'
import type { RunComparison } from '../api/compare'
import { useComparison } from '../hooks/use-comparison'
import { CompareTable } from './compare-table'
import { OverlayChart } from './overlay-chart'

function RunLine(props: { label: string; run: RunComparison['a'] }) {
  const { run } = props
  return (
    <p className="compare-run">
      <strong>{props.label}</strong>{' '}
      <a href={`/results/${run.id}`} onClick={linkHandler(`/results/${run.id}`)} className="mono">
        {shortId(run.id)}
      </a>{' '}
      {run.test} <StatusBadge status={run.status} /> {dateTime(run.startedAt)}
      {run.dutSerial ? ` · serial ${run.dutSerial}` : ''}
    </p>
  )
}

function Summary(props: { comparison: RunComparison }) {
  const { results, significant, level } = props.comparison
  const judged = results.filter((r) => r.significant !== null).length
  const percent = `${Math.round(level * 100)} %`
  if (significant.length === 0) {
    return (
      <p data-testid="compare-summary">
        No result differs beyond the runs' own noise ({percent}; {judged} compared).
      </p>
    )
  }
  return (
    <p data-testid="compare-summary">
      {significant.length} of {judged} results differ beyond the runs' own noise ({percent}):{' '}
      <span className="mono">{significant.join(', ')}</span>
    </p>
  )
}

/** Two runs side by side (docs/compare.md): results with differences and their noise, curves overlaid, the PDF. */
export function ComparePage(props: { a: string; b: string }) {
  const { data, error, pdf } = useComparison(props.a, props.b)
  const actions = (
    <div className="header-actions">
      <a className="btn btn-ghost" href={`/results/${props.a}`} onClick={linkHandler(`/results/${props.a}`)}>
        Run a
      </a>
      <PdfButton busy={pdf.busy} disabled={!data} onClick={pdf.start} />
    </div>
  )
  return (
    <div className="page">
      <PageHeader title={`Compare ${shortId(props.a)} with ${shortId(props.b)}`} actions={actions} />
      <ErrorNote message={error ?? pdf.error} />
      {!data && !error && <p className="muted">Comparing…</p>}
      {data && (
        <>
          <Panel title="Runs">
            <RunLine label="a" run={data.a} />
            <RunLine label="b" run={data.b} />
            <Summary comparison={data} />
          </Panel>
          <Panel title="Results">
            <CompareTable results={data.results} />
          </Panel>
          <Panel title="Measurements, overlaid">
            {data.curves.length === 0 && <p className="muted">No measurements recorded.</p>}
            <div className="chart-grid">
              {data.curves.map((c) => (
                <OverlayChart key={c.parameter} curve={c} />
              ))}
            </div>
          </Panel>
        </>
      )}
    </div>
  )
}
