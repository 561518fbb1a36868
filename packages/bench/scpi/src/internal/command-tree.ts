import type { CompiledCommand } from '../define-commands'
import { ScpiError } from '../scpi-errors'
import type { HeaderScan } from './header'
import type { NodeSpec } from './pattern'

/** A handler bound to one concrete header. */
export interface Leaf {
  readonly command: CompiledCommand
  /** Built-in common/system commands run against the instrument core, others against the user context. */
  readonly builtin: boolean
  readonly common: boolean
  readonly pattern: string
  /** Per header position: suffix slot (−1 none) and the allowed suffix range (undefined: only 1). */
  readonly slots: readonly number[]
  readonly ranges: readonly NodeSpec['suffix'][]
}

export interface TreeEdge {
  readonly short: string
  readonly long: string
  readonly node: TreeNode
}

export interface TreeNode {
  readonly edges: TreeEdge[]
  command: Leaf | undefined
  query: Leaf | undefined
}

function newNode(): TreeNode {
  return { edges: [], command: undefined, query: undefined }
}

function childFor(node: TreeNode, spec: NodeSpec, pattern: string): TreeNode {
  for (const edge of node.edges) {
    if (edge.short === spec.short && edge.long === spec.long) return edge.node
    const forms = [edge.short, edge.long]
    if (forms.includes(spec.short) || forms.includes(spec.long)) {
      throw new ScpiError(
        'SCPI_DUPLICATE_COMMAND',
        `"${pattern}": mnemonic ${spec.long} clashes with ${edge.long} (short ${edge.short}); spell the node the same way`,
      )
    }
  }
  const edge: TreeEdge = { short: spec.short, long: spec.long, node: newNode() }
  node.edges.push(edge)
  return edge.node
}

function insert(root: TreeNode, command: CompiledCommand, builtin: boolean): void {
  for (const pattern of command.patterns) {
    for (const seq of pattern.sequences) {
      let node = root
      for (const spec of seq.nodes) node = childFor(node, spec, pattern.source)
      const leaf: Leaf = {
        command,
        builtin,
        common: pattern.common,
        pattern: pattern.source,
        slots: seq.slots,
        ranges: seq.nodes.map((n) => n.suffix),
      }
      const existing = pattern.query ? node.query : node.command
      if (existing && !(existing.builtin && !builtin)) {
        throw new ScpiError(
          'SCPI_DUPLICATE_COMMAND',
          `"${pattern.source}" and "${existing.pattern}" both define ${seq.nodes.map((n) => n.short).join(':')}${pattern.query ? '?' : ''}`,
        )
      }
      if (pattern.query) node.query = leaf
      else node.command = leaf
    }
  }
}

/** Builds the header tree; user commands may replace built-in ones (e.g. an instrument's own `*TRG`). */
export function buildTree(builtins: readonly CompiledCommand[], user: readonly CompiledCommand[]): TreeNode {
  const root = newNode()
  for (const c of builtins) insert(root, c, true)
  for (const c of user) insert(root, c, false)
  return root
}

function sameForm(line: string, start: number, end: number, form: string): boolean {
  if (end - start !== form.length) return false
  for (let k = 0; k < form.length; k++) {
    let c = line.charCodeAt(start + k)
    if (c >= 97 && c <= 122) c -= 32
    if (c !== form.charCodeAt(k)) return false
  }
  return true
}

/** The child reached by mnemonic `i` of the scan, or undefined. Case-insensitive, short or long form only. */
export function findChild(node: TreeNode, line: string, h: HeaderScan, i: number): TreeNode | undefined {
  const start = h.nameStart[i]!
  const end = h.nameEnd[i]!
  for (const edge of node.edges) {
    if (sameForm(line, start, end, edge.short) || sameForm(line, start, end, edge.long)) return edge.node
  }
  return undefined
}
