import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { boardWiring } from '../board'
import { LIBRARY_RUNS, recordRunLines } from '../testing/library-lines'

/**
 * The lines each library run sent before the bench had sockets, recorded from that tree with `recordRunLines`
 * (testing/library-lines.ts): a session recorded then must replay against a test on socket 1 now.
 */
const before = JSON.parse(readFileSync(join(import.meta.dirname, '../testing/one-dut-lines.json'), 'utf8')) as Record<
  string,
  string[]
>

const WAIT = /^control SIM:WAIT ([\d.e+-]+);\*OPC\?;:SYST:ERR\?$/

/** A line of the provenance snapshot every run starts with (framework/src/provenance.ts). */
const PROVENANCE =
  /^(?:(\w+) \*IDN\?|control SIM:SEED\?|control SIM:DUT:PAR:CAT\?|control SIM:DUT:PAR\? [A-Z_]+);:SYST:ERR\?$/

/**
 * The lines after the provenance snapshot a run starts with (the recording predates it): the snapshot ends where
 * the probe asks an instrument's identity a second time.
 */
function withoutProvenance(lines: readonly string[]): string[] {
  return afterSnapshot(lines).filter((line) => line !== BOARD_SIZE)
}

/**
 * The simulator's board size, asked (once) before socket 1's input current is read: on a board of several the
 * supply's read-back is the board's current, so socket 1 is then sensed like the others (sockets.ts). A question to
 * the simulation-control port, not a line to an instrument; the recording predates it.
 */
const BOARD_SIZE = 'control SIM:SOCK?;:SYST:ERR?'

function afterSnapshot(lines: readonly string[]): string[] {
  const identified = new Set<string>()
  let i = 0
  for (; i < lines.length; i++) {
    const match = PROVENANCE.exec(lines[i]!)
    if (!match) break
    const role = match[1]
    if (role !== undefined) {
      if (identified.has(role)) break
      identified.add(role)
    }
  }
  return lines.slice(i)
}

/**
 * The lines with each run of consecutive `SIM:WAIT`s as one wait of their sum: how the clock splits a wait into
 * chunks follows the wall-clock speed it observes (framework/src/clock.ts), not the test.
 */
function normalized(lines: readonly string[]): string[] {
  const out: string[] = []
  let waiting = 0
  for (const line of lines) {
    const wait = WAIT.exec(line)
    if (wait) {
      waiting += Number(wait[1])
      continue
    }
    if (waiting > 0) out.push(`control SIM:WAIT ${Number(waiting.toPrecision(12))} (in chunks)`)
    waiting = 0
    out.push(line)
  }
  return out
}

describe('socket 1 sends exactly the lines of the one-DUT bench', () => {
  it.each(LIBRARY_RUNS)('%s on a bench of one socket', async (test, params) => {
    expect(before[test]).toBeDefined()
    const lines = await recordRunLines(test, params)
    expect(normalized(withoutProvenance(lines))).toEqual(normalized(before[test]!))
  })

  it.each(LIBRARY_RUNS.filter(([test]) => test !== 'iq_vs_temp'))(
    '%s on socket 1 of a board of eight',
    async (test, params) => {
      const lines = await recordRunLines(test, params, {
        env: { DVT__BENCH__SOCKETS: '8' },
        runner: (config) => ({ board: boardWiring(config) }),
      })
      expect(normalized(withoutProvenance(lines))).toEqual(normalized(before[test]!))
    },
  )

  it('iq_vs_temp on socket 1 of a board of eight reads socket 1 alone, through the switch/measure unit', async () => {
    const [, params] = LIBRARY_RUNS.find(([test]) => test === 'iq_vs_temp')!
    const lines = await recordRunLines('iq_vs_temp', params, {
      env: { DVT__BENCH__SOCKETS: '8' },
      runner: (config) => ({ board: boardWiring(config) }),
    })
    // The supply feeds all eight sockets: its read-back is their sum, so socket 1's own sense channel is read.
    expect(lines.filter((line) => line.startsWith('supply MEAS:CURR?'))).toEqual([])
    expect(lines).toContain('mux CONF:VOLT:DC AUTO,(@201);:VOLT:DC:NPLC 1,(@201);:ROUT:SCAN (@201);:SYST:ERR?')
  })
})
