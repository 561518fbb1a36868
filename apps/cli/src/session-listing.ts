import type { Session, SessionExchange } from '@dvt/sessions'
import { formatTime, table } from './format'

/** `dvt show-run <id> --session`: the header, the instruments, then one line per exchange. */
export function formatSession(session: Session, path: string): string {
  const { header, end, exchanges } = session
  const meta: [string, string][] = [
    ['session', path],
    ['run', `${header.run_id} (${header.test}, ${end.status})`],
    ['recorded', `${formatTime(header.started_at)} → ${formatTime(end.ended_at)} on the ${header.backend}`],
    ['software', header.software_version],
    ['exchanges', String(exchanges.length)],
  ]
  const instruments = header.instruments.map((i) => [i.role, i.resource, i.identity ?? '—'])
  const lines = exchanges.map(formatExchange)
  return [
    ...meta.map(([k, v]) => `${k.padEnd(10)} ${v}`),
    '',
    table(['instrument', 'resource', '*IDN?'], instruments),
    '',
    `${'#'.padStart(5)}  ${'wall ms'.padStart(10)}  ${'sim s'.padStart(9)}  ${'instrument'.padEnd(10)}  sent → received`,
    ...lines,
  ].join('\n')
}

function formatExchange(e: SessionExchange): string {
  const sim = e.sim_s === null ? '—' : e.sim_s.toFixed(1)
  const answer = e.error ? `✗ ${e.error.code}: ${e.error.message}` : e.kind === 'write' ? '(write)' : (e.received ?? '')
  return `${String(e.seq).padStart(5)}  ${e.t_ms.toFixed(3).padStart(10)}  ${sim.padStart(9)}  ${e.role.padEnd(10)}  ${e.sent} → ${answer}`
}
