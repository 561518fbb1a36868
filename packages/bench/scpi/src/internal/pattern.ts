import { ScpiError } from '../scpi-errors'

/** One mnemonic of a header pattern (`MEASure`, `OUTPut<1-3>`, `CLOop1`, `*IDN`). */
export interface NodeSpec {
  /** Upper-case short form (`MEAS`). */
  readonly short: string
  /** Upper-case long form (`MEASURE`). */
  readonly long: string
  /** Allowed numeric suffix range, or undefined when the node takes none (then only an explicit `1` is allowed). */
  readonly suffix: { readonly min: number; readonly max: number } | undefined
}

/** One concrete header (optional nodes resolved) that a pattern accepts. */
export interface PatternSequence {
  readonly nodes: readonly NodeSpec[]
  /** For each node, the index of its suffix slot in the handler's suffix list, or −1. */
  readonly slots: readonly number[]
}

export interface ParsedPattern {
  readonly source: string
  readonly query: boolean
  readonly common: boolean
  readonly sequences: readonly PatternSequence[]
}

const NODE_RE = /^([A-Za-z%_][A-Za-z_%]*)(?:<(n|\d+-\d+)>|(\d+))?$/
const MAX_OPTIONAL_GROUPS = 10
/** IEEE 488.2 §7.6.1.4: a program mnemonic has at most 12 characters. */
export const MAX_MNEMONIC = 12

function invalid(pattern: string, why: string): ScpiError {
  return new ScpiError('SCPI_INVALID_PATTERN', `invalid SCPI header pattern "${pattern}": ${why}`)
}

function parseNode(text: string, pattern: string): NodeSpec {
  const m = NODE_RE.exec(text)
  if (!m) throw invalid(pattern, `"${text}" is not a mnemonic`)
  const name = m[1]!
  if (name.length > MAX_MNEMONIC) throw invalid(pattern, `"${name}" is longer than ${MAX_MNEMONIC} characters`)
  const short = name.replace(/[a-z]/g, '')
  if (short.length === 0) throw invalid(pattern, `"${name}" has no upper-case short form`)
  let suffix: NodeSpec['suffix']
  if (m[2] === 'n') suffix = { min: 1, max: Number.MAX_SAFE_INTEGER }
  else if (m[2] !== undefined) {
    const [min, max] = m[2].split('-').map(Number) as [number, number]
    if (min > max) throw invalid(pattern, `suffix range <${m[2]}> is empty`)
    suffix = { min, max }
  } else if (m[3] !== undefined) suffix = { min: Number(m[3]), max: Number(m[3]) }
  return { short, long: name.toUpperCase(), suffix }
}

interface Group {
  readonly nodes: NodeSpec[]
  readonly optional: boolean
}

function splitGroups(body: string, pattern: string): Group[] {
  const groups: Group[] = []
  let i = 0
  while (i < body.length) {
    const optional = body[i] === '['
    const close = optional ? body.indexOf(']', i) : -1
    if (optional && close < 0) throw invalid(pattern, 'unclosed "["')
    let end = optional ? close : body.indexOf('[', i)
    if (end < 0) end = body.length
    const text = body.slice(optional ? i + 1 : i, end)
    if (text.includes('[')) throw invalid(pattern, 'nested "["')
    const names = text.split(':').filter((s, k, all) => s.length > 0 || (k !== 0 && k !== all.length - 1))
    if (names.length === 0 || names.some((s) => s.length === 0)) throw invalid(pattern, 'empty mnemonic')
    groups.push({ nodes: names.map((n) => parseNode(n, pattern)), optional })
    i = optional ? close + 1 : end
  }
  return groups
}

/** Parses `[SOURce:]VOLTage[:LEVel]?` into every concrete header it stands for. */
export function parsePattern(source: string): ParsedPattern {
  let body = source.trim()
  const query = body.endsWith('?')
  if (query) body = body.slice(0, -1)
  if (body.startsWith(':')) body = body.slice(1)
  if (body.length === 0) throw invalid(source, 'empty header')
  if (body.startsWith('*')) {
    if (!/^\*[A-Za-z]+$/.test(body)) throw invalid(source, 'common commands are "*" and letters')
    const name = body.toUpperCase()
    const node: NodeSpec = { short: name, long: name, suffix: undefined }
    return { source, query, common: true, sequences: [{ nodes: [node], slots: [-1] }] }
  }
  const groups = splitGroups(body, source)
  const optionalCount = groups.filter((g) => g.optional).length
  if (optionalCount > MAX_OPTIONAL_GROUPS) throw invalid(source, 'too many optional nodes')
  if (groups.every((g) => g.optional)) throw invalid(source, 'at least one node must be required')
  return { source, query, common: false, sequences: expand(groups) }
}

function expand(groups: readonly Group[]): PatternSequence[] {
  const optionalIndexes = groups.flatMap((g, i) => (g.optional ? [i] : []))
  const sequences: PatternSequence[] = []
  for (let mask = 0; mask < 1 << optionalIndexes.length; mask++) {
    const nodes: NodeSpec[] = []
    const slots: number[] = []
    let slot = 0
    groups.forEach((g, i) => {
      const bit = optionalIndexes.indexOf(i)
      const present = bit < 0 || (mask & (1 << bit)) !== 0
      for (const node of g.nodes) {
        const nodeSlot = node.suffix ? slot++ : -1
        if (!present) continue
        nodes.push(node)
        slots.push(nodeSlot)
      }
    })
    sequences.push({ nodes, slots })
  }
  return sequences
}

/** Number of suffix slots a pattern's handler sees (one per node that declares a suffix). */
export function suffixSlotCount(pattern: ParsedPattern): number {
  let max = -1
  for (const seq of pattern.sequences) for (const s of seq.slots) max = Math.max(max, s)
  return max + 1
}
