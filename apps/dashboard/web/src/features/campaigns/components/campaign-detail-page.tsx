import { isFinalRunStatus } from '@dvt/storage/records'
import { useState } from 'react'
import { dateTime, duration, shortId } from '../../../lib/format'
import { linkHandler } from '../../../lib/router'
import { StatusBadge } from '../../../lib/ui/badge'
import { ErrorNote, PageHeader, Panel } from '../../../lib/ui/panel'
import { PdfButton } from '../../../lib/ui/pdf-button'
import { StatCard } from '../../../lib/ui/stat-card'
import { useDownload } from '../../../lib/use-download'
import { abortCampaign, type CampaignSummary, downloadCampaignReport, resumeCampaign } from '../api/campaigns'
import { useCampaign } from '../hooks/use-campaign'
import { CampaignChartsView } from './campaign-charts-view'
import { yieldText } from './campaigns-table'
import { CharacteristicsTable } from './characteristics-table'
import { DutTable } from './dut-table'
import { ProgressGrid } from './progress-grid'

function Actions(props: { summary: CampaignSummary; onChange: () => void }) {
  const { campaign } = props.summary
  const [error, setError] = useState<string | null>(null)
  const pdf = useDownload(() => downloadCampaignReport(campaign.id))
  const act = (work: () => Promise<unknown>) => async () => {
    setError(null)
    try {
      await work()
      props.onChange()
    } catch (e) {
      setError((e as Error).message)
    }
  }
  const running = campaign.status === 'running' || campaign.status === 'pending'
  const resumable = campaign.status === 'aborted' || campaign.status === 'error'
  return (
    <div className="page-actions">
      {running && (
        <button
          type="button"
          className="btn btn-danger"
          onClick={act(() => abortCampaign(campaign.id))}
          data-testid="abort-campaign"
        >
          Abort
        </button>
      )}
      {resumable && (
        <button
          type="button"
          className="btn"
          onClick={act(() => resumeCampaign(campaign.id))}
          data-testid="resume-campaign"
        >
          Resume
        </button>
      )}
      <PdfButton busy={pdf.busy} disabled={false} onClick={() => void pdf.start()} />
      <ErrorNote message={error ?? pdf.error} />
    </div>
  )
}

function Progress(props: { summary: CampaignSummary }) {
  const { campaign } = props.summary
  const { progress } = campaign
  const current = progress.current
  const judged = props.summary.duts.filter((d) => d.verdict !== null).length
  const acceptance = campaign.minYield === null ? '—' : `≥ ${(campaign.minYield * 100).toFixed(1)} %`
  return (
    <>
      <div className="card-grid">
        <StatCard label="Points" value={`${progress.pointsDone}/${progress.pointsTotal}`} testId="campaign-points" />
        <StatCard label="DUTs done" value={`${progress.dutsDone}/${campaign.lotSize}`} />
        <StatCard
          label={`Yield (${judged} judged)`}
          value={yieldText(campaign.yield)}
          tone={
            campaign.yield === null
              ? undefined
              : campaign.minYield !== null && campaign.yield < campaign.minYield
                ? 'bad'
                : 'good'
          }
          testId="campaign-yield"
        />
        <StatCard label="Acceptance" value={acceptance} />
        <StatCard label="Bench time covered" value={duration(campaign.simulatedSeconds)} />
      </div>
      {current && !isFinalRunStatus(campaign.status) && (
        <p className="muted" data-testid="campaign-current">
          Now: {current.temperatureC} °C · board {current.board + 1} · {current.test}
        </p>
      )}
      <ProgressGrid points={props.summary.points} />
    </>
  )
}

/** One campaign: its progress grid filling in, the yield, the charts, the characteristics table, the DUTs. */
export function CampaignDetailPage(props: { id: string }) {
  const { summary, error, reload } = useCampaign(props.id)
  if (!summary) {
    return (
      <div className="page">
        <PageHeader title={`Campaign ${shortId(props.id)}`} />
        <ErrorNote message={error} />
        {!error && <p className="muted">Loading…</p>}
      </div>
    )
  }
  const { campaign } = summary
  return (
    <div className="page" data-testid="campaign-detail">
      <PageHeader
        title={campaign.name}
        subtitle={
          <>
            <a href="/campaigns" onClick={linkHandler('/campaigns')}>
              Campaigns
            </a>{' '}
            · <span className="mono">{shortId(campaign.id)}</span> · lot {campaign.lotName} ({campaign.lotSize} DUTs,{' '}
            {campaign.sockets} sockets) · started {dateTime(campaign.startedAt)} ·{' '}
            <span data-testid="campaign-status">
              <StatusBadge status={campaign.status} />
            </span>
            {campaign.statusReason && <> · {campaign.statusReason}</>}
          </>
        }
        actions={<Actions summary={summary} onChange={() => void reload()} />}
      />
      <ErrorNote message={error} />
      <Panel title="Progress">
        <Progress summary={summary} />
      </Panel>
      <Panel title="Charts">
        <CampaignChartsView summary={summary} />
      </Panel>
      <Panel title="Electrical characteristics">
        <CharacteristicsTable statistics={summary.statistics} />
      </Panel>
      <Panel title="DUT verdicts">
        <DutTable summary={summary} />
      </Panel>
    </div>
  )
}
