import { useState } from 'react'
import { ErrorNote, PageHeader, Panel } from '../../../lib/ui/panel'
import { useTestList } from '../hooks/use-test-list'
import { useTestRun } from '../hooks/use-test-run'
import { RunProgressPanel } from './run-progress'
import { TestForm } from './test-form'

/** Every test with its generated form; run one and follow it live. */
export function TestsPage() {
  const { tests, error: listError } = useTestList()
  const [selected, setSelected] = useState<string | null>(null)
  const run = useTestRun()
  const test = tests.find((t) => t.name === selected) ?? tests[0]
  return (
    <div className="page">
      <PageHeader title="Tests" subtitle="Pick a test, set its parameters and run it on the bench." />
      <ErrorNote message={listError} />
      <div className="tests-layout">
        <nav className="test-list" aria-label="Tests">
          {tests.map((t) => (
            <button
              type="button"
              key={t.name}
              className={`test-item ${t === test ? 'active' : ''}`}
              onClick={() => setSelected(t.name)}
            >
              <span className="test-name">{t.name}</span>
              <span className="test-desc">{t.description}</span>
            </button>
          ))}
        </nav>
        <div className="tests-main">
          {run.live && (
            <Panel title="Progress">
              <RunProgressPanel run={run.live} running={run.running} onAbort={run.abort} />
            </Panel>
          )}
          {test && (
            <Panel title={test.name}>
              <p className="muted">{test.description}</p>
              <TestForm key={test.name} test={test} disabled={run.starting || run.running} onRun={run.start} />
              <ErrorNote message={run.error} />
            </Panel>
          )}
        </div>
      </div>
    </div>
  )
}
