const statusTone: Record<string, string> = {
  passed: 'good',
  failed: 'bad',
  error: 'bad',
  aborted: 'warn',
  running: 'info',
  pending: 'muted',
}

/** A run status pill (`passed`, `failed`, `running` …). */
export function StatusBadge(props: { status: string }) {
  return <span className={`badge badge-${statusTone[props.status] ?? 'muted'}`}>{props.status.toUpperCase()}</span>
}

/** PASS / FAIL (or — for a measurement without limits). */
export function PassBadge(props: { passed: boolean | null }) {
  if (props.passed === null) return <span className="badge badge-muted">—</span>
  return <span className={`badge badge-${props.passed ? 'good' : 'bad'}`}>{props.passed ? 'PASS' : 'FAIL'}</span>
}

/** A coloured dot with a label (connection state). */
export function StatusDot(props: { tone: 'good' | 'bad' | 'warn'; label: string; title?: string }) {
  return (
    <span className="status-dot" title={props.title}>
      <span className={`dot dot-${props.tone}`} />
      {props.label}
    </span>
  )
}
