import { shortId } from '../../../lib/format'
import { linkHandler } from '../../../lib/router'
import { StatusBadge } from '../../../lib/ui/badge'
import { MeasurementChart } from '../../../lib/ui/measurement-chart'
import { ErrorNote, PageHeader, Panel, PanelRow } from '../../../lib/ui/panel'
import { PdfButton } from '../../../lib/ui/pdf-button'
import { useRunDetail } from '../hooks/use-run-detail'
import { CompareWith } from './compare-with'
import { ConfigurationBlock, EventsTimeline, ResultsTable, RunMetadata } from './run-sections'

/** One run: metadata, results, measurement charts, events, configuration and its PDF report. */
export function RunDetailPage(props: { id: string }) {
  const { detail, measurements, pdf } = useRunDetail(props.id)
  const run = detail.data?.run
  const actions = (
    <div className="header-actions">
      <a className="btn btn-ghost" href="/results" onClick={linkHandler('/results')}>
        All runs
      </a>
      {run && <CompareWith id={run.id} test={run.test} />}
      <PdfButton busy={pdf.busy} disabled={!run} onClick={pdf.start} />
    </div>
  )
  return (
    <div className="page">
      <PageHeader
        title={run ? `${run.test} · ${shortId(run.id)}` : `Run ${shortId(props.id)}`}
        subtitle={run ? <StatusBadge status={run.status} /> : undefined}
        actions={actions}
      />
      <ErrorNote message={detail.error ?? pdf.error} />
      {detail.data && (
        <>
          <PanelRow
            panels={[
              { title: 'Run', body: <RunMetadata run={detail.data.run} /> },
              { title: 'Results', body: <ResultsTable results={detail.data.results} /> },
            ]}
          />
          <Panel title="Measurements">
            <ErrorNote message={measurements.error} />
            {measurements.loading && <p className="muted">Loading measurements…</p>}
            {measurements.data?.length === 0 && <p className="muted">No measurements recorded.</p>}
            <div className="chart-grid">
              {measurements.data?.map((spec) => (
                <MeasurementChart key={spec.title} spec={spec} />
              ))}
            </div>
          </Panel>
          <PanelRow
            panels={[
              { title: 'Events', body: <EventsTimeline events={detail.data.events} /> },
              { title: 'Configuration', body: <ConfigurationBlock run={detail.data.run} /> },
            ]}
          />
        </>
      )}
    </div>
  )
}
