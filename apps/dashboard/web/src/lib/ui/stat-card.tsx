import type { ReactNode } from 'react'

/** One live value: a label, a big number and its unit. */
export function StatCard(props: { label: string; value: ReactNode; unit?: string; tone?: string; testId?: string }) {
  return (
    <div className={`stat-card ${props.tone ? `stat-${props.tone}` : ''}`} data-testid={props.testId}>
      <div className="stat-label">{props.label}</div>
      <div className="stat-value">
        {props.value}
        {props.unit && <span className="stat-unit">{props.unit}</span>}
      </div>
    </div>
  )
}
