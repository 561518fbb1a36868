import type { BenchInfo } from '../../../../../src/schemas/messages'
import { linkHandler } from '../../../lib/router'
import { StatusBadge, StatusDot } from '../../../lib/ui/badge'
import type { BenchCardFacts, CampaignCardFacts, RunCardFacts } from '../hooks/card-facts'

function CampaignSection(props: { bench: string; campaign: CampaignCardFacts }) {
  const { campaign } = props
  const href = `/campaigns/${campaign.id}`
  return (
    <div className="fleet-run" data-testid={`fleet-campaign-${props.bench}`}>
      <div className="fleet-run-head">
        <a href={href} onClick={linkHandler(href)}>
          campaign {campaign.name} {campaign.shortId}
        </a>
        <StatusBadge status={campaign.status} />
      </div>
      <div>{campaign.progress}</div>
      {campaign.fraction !== null && (
        <div className="progress-bar">
          <div style={{ width: `${(campaign.fraction * 100).toFixed(1)}%` }} />
        </div>
      )}
      {campaign.yield && <div className="muted">{campaign.yield}</div>}
    </div>
  )
}

function RunSection(props: { bench: string; run: RunCardFacts | null }) {
  const { run } = props
  if (!run) return <p className="muted">No run of this station on record.</p>
  const href = `/results/${run.id}`
  return (
    <div className="fleet-run" data-testid={`fleet-run-${props.bench}`}>
      <div className="fleet-run-head">
        <a href={href} onClick={linkHandler(href)}>
          {run.test} {run.shortId}
        </a>
        {run.serial && <span className="muted"> · {run.serial}</span>}
        <StatusBadge status={run.status} />
      </div>
      <div className="muted">{run.step ?? 'starting…'}</div>
      <div data-testid={`fleet-progress-${props.bench}`}>{run.progress ?? 'no progress reported yet'}</div>
      {run.fraction !== null && (
        <div className="progress-bar">
          <div style={{ width: `${(run.fraction * 100).toFixed(1)}%` }} />
        </div>
      )}
      <div className="muted">
        {run.readings} readings · simulated {run.simulated}
      </div>
      {run.statusReason && <div className="muted">{run.statusReason}</div>}
    </div>
  )
}

/** One bench of the fleet: its connection, chamber, DUT state, board, and the run on it with its progress. */
export function BenchCard(props: { bench: BenchInfo; facts: BenchCardFacts }) {
  const { bench, facts } = props
  const live = `/live?bench=${encodeURIComponent(bench.name)}`
  const results = `/results?station=${encodeURIComponent(bench.name)}`
  const tests = `/tests?bench=${encodeURIComponent(bench.name)}`
  const campaigns = `/campaigns?bench=${encodeURIComponent(bench.name)}`
  return (
    <section className="panel fleet-card" data-testid={`bench-${bench.name}`}>
      <header className="panel-header">
        <h2>{bench.name}</h2>
        <div className="panel-actions">
          {facts.connected ? (
            <StatusDot tone="good" label="connected" />
          ) : (
            <StatusDot tone="bad" label="disconnected — retrying…" />
          )}
        </div>
      </header>
      <div className="panel-body">
        <dl className="fleet-facts">
          <dt>Address</dt>
          <dd>
            {bench.host}:{bench.ports.control}
          </dd>
          <dt>Chamber</dt>
          <dd data-testid={`fleet-chamber-${bench.name}`}>
            {facts.chamber}
            {facts.stable === true && <span className="muted"> (stable)</span>}
          </dd>
          <dt>DUT</dt>
          <dd className={facts.dutTone ? `tone-${facts.dutTone}` : undefined}>{facts.dut}</dd>
          <dt>Sockets</dt>
          <dd>{facts.sockets ?? '—'}</dd>
        </dl>
        {facts.campaign && <CampaignSection bench={bench.name} campaign={facts.campaign} />}
        <RunSection bench={bench.name} run={facts.run} />
        <div className="fleet-links">
          <a href={live} onClick={linkHandler(live)}>
            Live page
          </a>
          <a href={results} onClick={linkHandler(results)}>
            Its runs
          </a>
          <a href={tests} onClick={linkHandler(tests)}>
            Run a test
          </a>
          <a href={campaigns} onClick={linkHandler(campaigns)}>
            Start a campaign
          </a>
        </div>
      </div>
    </section>
  )
}
