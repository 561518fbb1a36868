import { commonCommands, ERROR_QUERY, simulationCommands } from '@dvt/drivers'

// The program message units a recording and a replay look into: the probe, the error check, the test clock and the
// speed, recognised in the forms the drivers send (their templates, not copies of them).

/** What one program message unit of a line is, as far as recording and replay care. */
export type Unit =
  | { kind: 'identify' }
  | { kind: 'error-query' }
  | { kind: 'opc' }
  | { kind: 'wait'; seconds: number }
  | { kind: 'time' }
  | { kind: 'set-speed'; value: string }
  | { kind: 'get-speed' }
  | { kind: 'other'; text: string }

const [WAIT_TEMPLATE, OPC_TEMPLATE] = simulationCommands.wait.scpi.split(';') as [string, string]

const PATTERNS: Array<[RegExp, (m: RegExpExecArray) => Unit | null]> = [
  [pattern(commonCommands.identify.scpi), () => ({ kind: 'identify' })],
  [pattern(ERROR_QUERY), () => ({ kind: 'error-query' })],
  [pattern(OPC_TEMPLATE), () => ({ kind: 'opc' })],
  [pattern(WAIT_TEMPLATE), (m) => seconds(m[1]!)],
  [pattern(simulationCommands.time.scpi), () => ({ kind: 'time' })],
  [pattern(simulationCommands.setSpeed.scpi), (m) => ({ kind: 'set-speed', value: m[1]! })],
  [pattern(simulationCommands.getSpeed.scpi), () => ({ kind: 'get-speed' })],
]

/** A driver template (`SIM:WAIT {seconds}`) as an anchored, case-insensitive pattern; `{x}` is one token. */
function pattern(template: string): RegExp {
  const escaped = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '(\\S+)')
  return new RegExp(`^:?${escaped}$`, 'i')
}

function seconds(text: string): Unit | null {
  const value = Number(text)
  return Number.isFinite(value) && value >= 0 ? { kind: 'wait', seconds: value } : null
}

/** Splits a line into its program message units at `;` outside quoted strings (docs/scpi.md#compound-messages). */
export function splitUnits(line: string): string[] {
  const units: string[] = []
  let quote: string | null = null
  let start = 0
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!
    if (quote !== null) {
      if (c === quote) quote = null
    } else if (c === '"' || c === "'") quote = c
    else if (c === ';') {
      units.push(line.slice(start, i).trim())
      start = i + 1
    }
  }
  units.push(line.slice(start).trim())
  return units
}

/** What one unit is. */
export function classifyUnit(text: string): Unit {
  for (const [regex, make] of PATTERNS) {
    const match = regex.exec(text)
    if (match) return make(match) ?? { kind: 'other', text }
  }
  return { kind: 'other', text }
}

/** The units of a line, classified. */
export function unitsOf(line: string): Unit[] {
  return splitUnits(line).map(classifyUnit)
}

/** The test clock's wait exactly as the driver sends it, `SIM:WAIT <s>;*OPC?;:SYST:ERR?`: read without parsing. */
const WAIT_PREFIX = WAIT_TEMPLATE.slice(0, WAIT_TEMPLATE.indexOf('{'))
const WAIT_SUFFIX = `;${OPC_TEMPLATE};:${ERROR_QUERY}`

/** The simulated seconds a `SIM:WAIT s;*OPC?…` line waits, or null for any other line. */
export function waitSeconds(line: string): number | null {
  if (line.startsWith(WAIT_PREFIX) && line.endsWith(WAIT_SUFFIX)) {
    const value = Number(line.slice(WAIT_PREFIX.length, line.length - WAIT_SUFFIX.length))
    if (Number.isFinite(value) && value >= 0) return value
  }
  const units = unitsOf(line)
  const wait = units.find((u) => u.kind === 'wait')
  if (!wait || units.some((u) => u.kind === 'other')) return null
  return wait.kind === 'wait' ? wait.seconds : null
}

/** True for the test clock's `SIM:TIME?` (with or without the error check). */
export function isTimeQuery(line: string): boolean {
  const units = unitsOf(line)
  return units[0]?.kind === 'time' && units.slice(1).every((u) => u.kind === 'error-query')
}

/** True for an identity probe (`*IDN?`, with or without the error check). */
export function isIdentityQuery(line: string): boolean {
  const units = unitsOf(line)
  return units[0]?.kind === 'identify' && units.slice(1).every((u) => u.kind === 'error-query')
}

/** The first unit of a response line (the answer to the line's first query). */
export function firstAnswer(received: string): string {
  return splitUnits(received)[0] ?? ''
}

/** A line with every number replaced by `#`: two lines of the same shape differ only in their numbers. */
export function shapeOf(line: string): string {
  return line.replace(/[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/g, '#').toUpperCase()
}
