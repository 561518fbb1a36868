import { initialRunState, type RunEvent, type RunState, reduceRun } from '@dvt/framework/run-state'
import { createRunEventFixtures } from '@dvt/framework/testing'
import type { EventLevel, MeasurementRow } from '@dvt/storage/records'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createProgressDisplay, formatProgressLine, formatSimTime, type ProgressStream } from './progress-display'

const CLEAR = '\r\x1b[2K'
const run = createRunEventFixtures({ runId: 'abcd1234-0000-4000-8000-000000000001' })
const started = run.started({ softwareVersion: '0.1.0', seed: 1 })
const step = (name: string, attempt = 1) => run.stepStarted({ step: name, attempt })
const progress = (point: number | null, of: number | null, message: string | null = null, simTime = 0) =>
  run.progress({ simTime, point, of, message })
const reading = (row: Partial<MeasurementRow> = {}) => run.measurement({ value: 3.300012345, temperature: -20, ...row })
const log = (level: EventLevel, message: string) => run.log({ level, message })
const finished = run.finished()

const stateOf = (events: RunEvent[]): RunState => events.reduce(reduceRun, initialRunState())

const bar = (filled: number) => `[${'█'.repeat(filled)}${'░'.repeat(24 - filled)}]`

/** A stream that keeps what is written, as a terminal (isTTY) or as a pipe or file. */
function createStream(tty: boolean, columns?: number) {
  const chunks: string[] = []
  const stream: ProgressStream = {
    isTTY: tty,
    ...(columns === undefined ? {} : { columns }),
    write: (text) => chunks.push(text),
  }
  return { stream, chunks, text: () => chunks.join('') }
}

/** Feeds a run's events to a display as the runner does: each with the run's state after it. */
function createFeed(display: ReturnType<typeof createProgressDisplay>): (events: RunEvent[]) => void {
  let state = initialRunState()
  return (events) => {
    for (const event of events) {
      state = reduceRun(state, event)
      display.observe(event, state)
    }
  }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('formatSimTime', () => {
  it.each([
    { seconds: 0, shown: '00:00' },
    { seconds: 59.4, shown: '00:59' },
    { seconds: 59.5, shown: '01:00' },
    { seconds: 754, shown: '12:34' },
    { seconds: 2700, shown: '45:00' },
    { seconds: 3599, shown: '59:59' },
    { seconds: 3600, shown: '1:00:00' },
    { seconds: 37_230, shown: '10:20:30' },
    { seconds: -3, shown: '00:00' },
  ])('$seconds s is $shown', ({ seconds, shown }) => {
    expect(formatSimTime(seconds)).toBe(shown)
  })
})

describe('formatProgressLine', () => {
  it('shows an empty bar, the current step and the simulated time before any progress', () => {
    expect(formatProgressLine(stateOf([started, step('configure')]))).toBe(`${bar(0)} configure  sim 00:00`)
  })

  it('shows point k of n with the step and fills the bar in proportion', () => {
    const state = stateOf([started, step('sweep'), progress(2, 6, null, 754)])
    expect(formatProgressLine(state)).toBe(`${bar(8)} point 2/6  sweep  sim 12:34`)
  })

  it('prefers the step’s own words to "point k/n"', () => {
    const state = stateOf([started, step('sweep'), progress(3, 6, 'point 3 of 6: settling at 25 °C')])
    expect(formatProgressLine(state)).toBe(`${bar(12)} point 3 of 6: settling at 25 °C  sim 00:00`)
  })

  it('never overfills the bar', () => {
    expect(formatProgressLine(stateOf([started, step('sweep'), progress(7, 6)]))).toMatch(/^\[█{24}\] /)
  })

  it('adds the last reading, with the chamber temperature when there is one', () => {
    const withTemperature = stateOf([started, step('sweep'), progress(1, 4), reading()])
    expect(formatProgressLine(withTemperature)).toBe(
      `${bar(6)} point 1/4  sweep  vout=3.300012 V  T=-20.00 °C  sim 00:00`,
    )
    const without = stateOf([
      started,
      step('sweep'),
      reading({ parameter: 'iq', value: 0.0000512, unit: 'A', temperature: null }),
    ])
    expect(formatProgressLine(without)).toBe(`${bar(0)} sweep  iq=5.1200e-5 A  sim 00:00`)
  })
})

describe('progress display, not on a terminal', () => {
  it('writes one line per step, per progress message and per log message, and nothing else', () => {
    const { stream, text } = createStream(false)
    const display = createProgressDisplay(stream)
    createFeed(display)([
      started,
      step('configure'),
      log('debug', 'wrote SETP 25'),
      log('info', 'chamber at 25 °C'),
      step('sweep'),
      step('sweep', 2),
      progress(1, 6),
      progress(2, 6, 'point 2 of 6: settling at -20 °C'),
      reading(),
      log('warn', 'chamber overshoot 0.6 °C'),
      log('error', 'supply tripped'),
      finished,
    ])
    display.close()
    expect(text()).toBe(
      [
        'step configure',
        'chamber at 25 °C',
        'step sweep',
        'step sweep (attempt 2)',
        '  point 2 of 6: settling at -20 °C',
        'warn: chamber overshoot 0.6 °C',
        'error: supply tripped',
        '',
      ].join('\n'),
    )
  })
})

describe('progress display on a terminal', () => {
  /** A display on a terminal that has seen the run start; `chunks` holds only what it writes after that. */
  function startedOnTerminal(columns?: number) {
    const { stream, chunks } = createStream(true, columns)
    const display = createProgressDisplay(stream)
    const feed = createFeed(display)
    feed([started])
    chunks.length = 0
    return { display, chunks, feed }
  }

  it('draws the empty bar as the run starts', () => {
    const { stream, chunks } = createStream(true)
    createFeed(createProgressDisplay(stream))([started])
    expect(chunks).toEqual([`${CLEAR}${bar(0)}   sim 00:00`])
  })

  it('redraws its one line in place when a step starts', () => {
    const terminal = startedOnTerminal()
    terminal.feed([step('configure')])
    expect(terminal.chunks).toEqual([`${CLEAR}${bar(0)} configure  sim 00:00`])
  })

  it('prints a log message on a line of its own, then redraws the progress line under it', () => {
    const terminal = startedOnTerminal()
    terminal.feed([step('sweep'), log('debug', 'wrote SETP 25'), log('warn', 'chamber overshoot 0.6 °C')])
    const line = `${CLEAR}${bar(0)} sweep  sim 00:00`
    expect(terminal.chunks).toEqual([line, CLEAR, 'warn: chamber overshoot 0.6 °C\n', line])
  })

  it('clears its line when the run finishes, and close then writes nothing more', () => {
    const terminal = startedOnTerminal()
    terminal.feed([step('sweep'), finished])
    expect(terminal.chunks.at(-1)).toBe(CLEAR)
    const written = terminal.chunks.length
    terminal.display.close()
    expect(terminal.chunks).toHaveLength(written)
  })

  it('cuts the line to one less than the terminal width', () => {
    const terminal = startedOnTerminal(20)
    terminal.feed([step('sweep')])
    expect(terminal.chunks).toEqual([`${CLEAR}[${'░'.repeat(18)}`])
  })

  it('redraws for progress and readings at most every 100 ms, but always for a step or a message', () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-01-01T00:00:00.000Z'))
    const terminal = startedOnTerminal()
    terminal.feed([step('sweep')])
    expect(terminal.chunks).toHaveLength(1)
    terminal.feed([progress(1, 6), reading()])
    expect(terminal.chunks, 'too soon after the last draw').toHaveLength(1)
    vi.setSystemTime(new Date('2026-01-01T00:00:00.100Z'))
    terminal.feed([progress(2, 6)])
    expect(terminal.chunks).toEqual([
      `${CLEAR}${bar(0)} sweep  sim 00:00`,
      `${CLEAR}${bar(8)} point 2/6  sweep  vout=3.300012 V  T=-20.00 °C  sim 00:00`,
    ])
    terminal.feed([step('analyse'), log('info', 'fit done')])
    expect(terminal.chunks).toHaveLength(6)
  })
})
