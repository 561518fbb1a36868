import { type BenchPort, INSTRUMENTS, type InstrumentRole, MEASURING_ROLES } from '@dvt/protocol'
import { type FormEvent, useEffect, useRef, useState } from 'react'
import { type ConsoleEntry, useScpiConsole } from '../hooks/use-scpi-console'

// Every role, simulation control last, labelled with the bench's port for it: `Multimeter (5003)`.
const roles: InstrumentRole[] = [...MEASURING_ROLES, 'control']
const instrumentsOf = (ports: Readonly<Record<BenchPort, number>>) =>
  roles.map((role) => {
    const { label } = INSTRUMENTS[role]
    return { value: role, label: `${label.charAt(0).toUpperCase()}${label.slice(1)} (${ports[role]})` }
  })

function Entry(props: { entry: ConsoleEntry }) {
  const { entry } = props
  return (
    <div className="console-entry">
      <div className="console-command">
        <span className="console-prompt">{entry.instrument}&gt;</span> {entry.command}
      </div>
      {entry.reply !== null && <div className="console-reply">{entry.reply}</div>}
      {entry.errors.map((e) => (
        <div key={`${e.code}${e.message}`} className="console-error">
          {e.code === null ? e.message : `${e.code}, "${e.message}"`}
        </div>
      ))}
      {entry.failure && <div className="console-error">{entry.failure}</div>}
    </div>
  )
}

/** Raw SCPI to any instrument: reply and the errors drained from its queue. */
export function ScpiConsole(props: { bench: string; ports: Readonly<Record<BenchPort, number>> }) {
  const { history, busy, send } = useScpiConsole(props.bench)
  const [instrument, setInstrument] = useState<InstrumentRole>('dmm')
  const [command, setCommand] = useState('*IDN?')
  const log = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (history.length > 0) log.current?.scrollTo({ top: log.current.scrollHeight })
  }, [history])
  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    if (command.trim()) void send(instrument, command.trim())
  }
  return (
    <div className="console">
      <div className="console-log" ref={log} data-testid="scpi-log">
        {history.length === 0 && <p className="muted">Replies and queued errors appear here.</p>}
        {history.map((entry) => (
          <Entry key={entry.id} entry={entry} />
        ))}
      </div>
      <form className="console-form" onSubmit={onSubmit}>
        <select
          aria-label="Instrument"
          value={instrument}
          onChange={(e) => setInstrument(e.target.value as InstrumentRole)}
        >
          {instrumentsOf(props.ports).map((i) => (
            <option key={i.value} value={i.value}>
              {i.label}
            </option>
          ))}
        </select>
        <input
          aria-label="SCPI command"
          className="mono"
          value={command}
          onChange={(e) => setCommand(e.target.value)}
          placeholder="MEAS:VOLT:DC?"
        />
        <button type="submit" className="btn" disabled={busy}>
          Send
        </button>
      </form>
    </div>
  )
}
