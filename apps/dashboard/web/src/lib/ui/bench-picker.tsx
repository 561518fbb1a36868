/** Which bench of the fleet a page is about — Live shows it, Tests runs on it (offered when there is more than one). */
export function BenchPicker(props: { benches: string[]; chosen: string; onChoose: (bench: string) => void }) {
  return (
    <label className="bench-picker">
      Bench{' '}
      <select aria-label="Bench" value={props.chosen} onChange={(e) => props.onChoose(e.target.value)}>
        {props.benches.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </label>
  )
}
