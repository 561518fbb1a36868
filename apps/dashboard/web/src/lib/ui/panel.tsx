import type { ReactNode } from 'react'

/** A titled white panel: the layout unit of every page. */
export function Panel(props: { title?: ReactNode; actions?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={`panel ${props.className ?? ''}`}>
      {(props.title || props.actions) && (
        <header className="panel-header">
          <h2>{props.title}</h2>
          {props.actions && <div className="panel-actions">{props.actions}</div>}
        </header>
      )}
      <div className="panel-body">{props.children}</div>
    </section>
  )
}

/** Panels side by side (stacked on a narrow screen). */
export function PanelRow(props: { panels: Array<{ title: string; body: ReactNode }> }) {
  return (
    <div className="two-col">
      {props.panels.map((p) => (
        <Panel key={p.title} title={p.title}>
          {p.body}
        </Panel>
      ))}
    </div>
  )
}

/** A page title with an optional subtitle. */
export function PageHeader(props: { title: string; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="page-header">
      <div>
        <h1>{props.title}</h1>
        {props.subtitle && <p className="muted">{props.subtitle}</p>}
      </div>
      {props.actions}
    </div>
  )
}

/** A one-sentence error from the server or the form. */
export function ErrorNote(props: { message: string | null | undefined }) {
  if (!props.message) return null
  return (
    <p className="error-note" role="alert">
      {props.message}
    </p>
  )
}
