import type { InstrumentRole } from '@dvt/protocol'
import { useState } from 'react'
import { appendBounded } from '../../../lib/ring-buffer'
import { type ConsoleError, sendScpi } from '../api/bench'

export interface ConsoleEntry {
  id: number
  instrument: InstrumentRole
  command: string
  reply: string | null
  errors: ConsoleError[]
  failure: string | null
}

let nextId = 1

/** The console's history (newest last, bounded) and its send action, to `bench`. */
export function useScpiConsole(bench: string) {
  const [history, setHistory] = useState<ConsoleEntry[]>([])
  const [busy, setBusy] = useState(false)
  const send = async (instrument: InstrumentRole, command: string) => {
    const base = { id: nextId++, instrument, command, reply: null, errors: [], failure: null }
    setBusy(true)
    try {
      const { reply, errors } = await sendScpi(bench, instrument, command)
      setHistory((h) => appendBounded(h, { ...base, reply, errors }, 200))
    } catch (e) {
      setHistory((h) => appendBounded(h, { ...base, failure: (e as Error).message }, 200))
    } finally {
      setBusy(false)
    }
  }
  return { history, busy, send }
}
