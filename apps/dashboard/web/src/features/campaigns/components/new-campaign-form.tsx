import { ErrorNote } from '../../../lib/ui/panel'
import { usePlanForm } from '../hooks/use-plan-form'

/**
 * Start a plan: pick a file of plans/ or paste YAML, add overrides; the server validates it, line by line. It runs
 * on `bench` of the fleet when given, else on the dashboard's own bench.
 */
export function NewCampaignForm(props: { bench?: string }) {
  const form = usePlanForm(props.bench)
  return (
    <form
      className="campaign-form"
      data-testid="new-campaign"
      onSubmit={(e) => {
        e.preventDefault()
        void form.start()
      }}
    >
      <fieldset className="segmented">
        <legend className="sr-only">Plan source</legend>
        <label>
          <input type="radio" name="plan-source" checked={form.kind === 'file'} onChange={() => form.setKind('file')} />
          Plan file
        </label>
        <label>
          <input
            type="radio"
            name="plan-source"
            checked={form.kind === 'paste'}
            onChange={() => form.setKind('paste')}
            data-testid="paste-plan"
          />
          Paste YAML
        </label>
      </fieldset>
      {form.kind === 'file' ? (
        <label className="field">
          <span className="field-label">Plan (plans/)</span>
          <select value={form.file} onChange={(e) => form.setFile(e.target.value)} data-testid="plan-file">
            {form.plans.length === 0 && <option value="">No plans in the plans directory</option>}
            {form.plans.map((p) => (
              <option key={p.file} value={p.file}>
                {p.file}
                {p.name ? ` — ${p.name}` : ' (invalid)'}
              </option>
            ))}
          </select>
          {form.chosen?.description && <span className="field-help">{form.chosen.description}</span>}
        </label>
      ) : (
        <label className="field">
          <span className="field-label">Plan YAML</span>
          <textarea
            className="mono plan-yaml"
            rows={14}
            spellCheck={false}
            value={form.yaml}
            onChange={(e) => form.setYaml(e.target.value)}
            placeholder={
              'name: …\nlot: { name: LOT-1, size: 8 }\nsockets: 8\ntemperatures_c: [25]\nsteps:\n  - test: output_voltage'
            }
            data-testid="plan-yaml"
          />
        </label>
      )}
      <label className="field">
        <span className="field-label">Overrides (one key=value a line, as dvt run-plan --set)</span>
        <textarea
          className="mono"
          rows={2}
          spellCheck={false}
          value={form.overrides}
          onChange={(e) => form.setOverrides(e.target.value)}
          placeholder="lot.size=8"
          data-testid="plan-overrides"
        />
      </label>
      <div className="form-actions">
        <button type="button" className="btn" onClick={() => void form.validate()} disabled={!form.canStart}>
          Validate
        </button>
        <button type="submit" className="btn btn-primary" disabled={!form.canStart} data-testid="start-campaign">
          {form.busy ? 'Starting…' : 'Start campaign'}
        </button>
      </div>
      {form.check?.valid && (
        <p className="ok-note" data-testid="plan-valid">
          Valid: {form.check.description}
        </p>
      )}
      {form.check && !form.check.valid && (
        <ul className="problems" data-testid="plan-problems" role="alert">
          {form.check.problems.map((p) => (
            <li key={p} className="mono">
              {p}
            </li>
          ))}
        </ul>
      )}
      <ErrorNote message={form.error} />
    </form>
  )
}
