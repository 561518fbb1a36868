import type { RunEvent, RunState } from '@dvt/framework'
import { formatValue } from './format'

const BAR = 24

/** Where the progress goes: process.stderr, or anything with its `write`, `isTTY` and `columns`. */
export interface ProgressStream {
  readonly isTTY?: boolean
  readonly columns?: number
  write(text: string): unknown
}

/**
 * The live progress of `dvt run-test`: on a terminal one redrawn line (bar, point k of n, step, live readings,
 * simulated time); elsewhere one line per step and per log message. Writes to stderr so `--json` stays clean.
 */
export function createProgressDisplay(stream: ProgressStream = process.stderr) {
  const tty = stream.isTTY === true
  let lastDraw = 0
  let drawn = false

  function clear(): void {
    if (tty && drawn) stream.write('\r\x1b[2K')
    drawn = false
  }

  function draw(state: RunState, force = false): void {
    const now = Date.now()
    if (!tty || (!force && now - lastDraw < 100)) return
    lastDraw = now
    stream.write(`\r\x1b[2K${formatProgressLine(state).slice(0, (stream.columns ?? 120) - 1)}`)
    drawn = true
  }

  return {
    observe(event: RunEvent, state: RunState): void {
      switch (event.type) {
        case 'step-started':
          if (!tty) stream.write(`step ${event.step}${event.attempt > 1 ? ` (attempt ${event.attempt})` : ''}\n`)
          draw(state, true)
          break
        case 'log':
          if (event.level !== 'debug') {
            clear()
            stream.write(`${event.level === 'info' ? '' : `${event.level}: `}${event.message}\n`)
            draw(state, true)
          }
          break
        case 'progress':
          if (!tty && event.message) stream.write(`  ${event.message}\n`)
          draw(state)
          break
        case 'run-finished':
          clear()
          break
        default:
          draw(state)
      }
    },
    close: clear,
  }
}

/**
 * The terminal's progress line for a run state: bar, point k of n or the step's own words, the last reading and
 * simulated time, e.g. `[████░░…] point 2/6  sweep  vout=3.300012 V  T=-20.00 °C  sim 12:30`.
 */
export function formatProgressLine(state: RunState): string {
  const p = state.progress
  const fraction = p?.point && p.of ? Math.min(1, p.point / p.of) : 0
  const filled = Math.round(fraction * BAR)
  const bar = `[${'█'.repeat(filled)}${'░'.repeat(BAR - filled)}]`
  // The step's own words ("point 2 of 6: settling at -20 °C") say more than the bare step name.
  const what =
    p?.message ??
    (p?.point && p.of ? `point ${p.point}/${p.of}  ${state.currentStep ?? ''}` : (state.currentStep ?? ''))
  const m = state.lastMeasurement
  const live = m
    ? `  ${m.parameter}=${formatValue(m.value)} ${m.unit}${m.temperature === null ? '' : `  T=${m.temperature.toFixed(2)} °C`}`
    : ''
  return `${bar} ${what}${live}  sim ${formatSimTime(state.simTime)}`
}

/** Simulated seconds as `mm:ss`, or `h:mm:ss` from one hour on. */
export function formatSimTime(seconds: number): string {
  const s = Math.max(0, Math.round(seconds))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const pad = (n: number) => String(n).padStart(2, '0')
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${pad(m)}:${pad(s % 60)}`
}
