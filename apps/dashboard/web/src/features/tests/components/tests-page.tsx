import { useState } from 'react'
import { BenchPicker } from '../../../lib/ui/bench-picker'
import { ErrorNote, PageHeader, Panel } from '../../../lib/ui/panel'
import { useBenchChoice } from '../../../lib/use-bench-choice'
import { useTestList } from '../hooks/use-test-list'
import { useTestRun } from '../hooks/use-test-run'
import { RunProgressPanel } from './run-progress'
import { TestForm } from './test-form'

/** Every test with its generated form; run one — on any bench of a fleet — and follow it live. */
export function TestsPage() {
  const { tests, error: listError } = useTestList()
  const [selected, setSelected] = useState<string | null>(null)
  const run = useTestRun()
  const { benches, bench, choose } = useBenchChoice('/tests')
  const fleet = benches.length > 1 && bench !== null
  const test = tests.find((t) => t.name === selected) ?? tests[0]
  return (
    <div className="page">
      <PageHeader title="Tests" subtitle="Pick a test, set its parameters and run it on the bench." />
      {fleet && (
        <div className="page-toolbar" data-testid="tests-bench">
          <BenchPicker benches={benches.map((b) => b.name)} chosen={bench.name} onChoose={choose} />
        </div>
      )}
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
              <TestForm
                key={test.name}
                test={test}
                disabled={run.starting || run.running}
                onRun={(body) => run.start(fleet ? { ...body, bench: bench.name } : body)}
              />
              <ErrorNote message={run.error} />
            </Panel>
          )}
        </div>
      </div>
    </div>
  )
}
