import type { ReactNode } from 'react'
import { linkHandler } from '../lib/router'
import { StatusDot } from '../lib/ui/badge'
import { useConnection } from '../lib/use-live'

const links = [
  { path: '/fleet', label: 'Fleet' },
  { path: '/live', label: 'Live' },
  { path: '/tests', label: 'Tests' },
  { path: '/campaigns', label: 'Campaigns' },
  { path: '/results', label: 'Results' },
]

function isActive(path: string, link: string): boolean {
  if (link === '/live') return path === '/' || path.startsWith('/live')
  if (link === '/results') return path.startsWith('/results') || path.startsWith('/compare')
  return path.startsWith(link)
}

function ConnectionIndicator() {
  const { connection, connected, total } = useConnection()
  if (connection !== 'open') {
    return <StatusDot tone="bad" label="Dashboard offline — reconnecting…" />
  }
  // One bench reads as it always did; a fleet counts its benches.
  if (total > 1) {
    const tone = connected === total ? 'good' : connected === 0 ? 'bad' : 'warn'
    return <StatusDot tone={tone} label={`${connected} of ${total} benches connected`} />
  }
  return connected === 1 ? (
    <StatusDot tone="good" label="Bench connected" />
  ) : (
    <StatusDot tone="warn" label="Simulator unreachable — retrying…" />
  )
}

/** Top bar with the navigation and the connection state, then the page. */
export function AppShell(props: { path: string; children: ReactNode }) {
  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href="/live" onClick={linkHandler('/live')}>
          <span className="brand-mark">DVT</span> Bench
        </a>
        <nav className="nav">
          {links.map((l) => (
            <a
              key={l.path}
              href={l.path}
              onClick={linkHandler(l.path)}
              className={isActive(props.path, l.path) ? 'active' : undefined}
            >
              {l.label}
            </a>
          ))}
        </nav>
        <div className="topbar-right" data-testid="connection">
          <ConnectionIndicator />
        </div>
      </header>
      <main className="content">{props.children}</main>
    </div>
  )
}
