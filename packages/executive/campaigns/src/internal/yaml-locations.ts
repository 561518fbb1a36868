import { isMap, isNode, isPair, isScalar, isSeq, type LineCounter, type Document as YamlDocument } from 'yaml'

export type PlanPath = readonly (string | number)[]

/** `steps[1].sweep.load_a`: a path as a person reads it. */
export function formatPath(path: PlanPath): string {
  let out = ''
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`
    else out += out === '' ? part : `.${part}`
  }
  return out === '' ? '(the plan)' : out
}

/**
 * The 1-based line of the node at `path` in the document, or of its nearest ancestor that exists (a missing key is
 * reported at the mapping that lacks it). `key` asks for the line of a mapping's key rather than of its value.
 */
export function lineOf(doc: YamlDocument, counter: LineCounter, path: PlanPath, key?: string): number {
  let node: unknown = doc.contents
  let line = 1
  const at = (n: unknown) => {
    if (isNode(n) && n.range) line = counter.linePos(n.range[0]).line
  }
  at(node)
  for (const part of path) {
    const next = child(node, part)
    if (next === undefined) return line
    // A mapping's entry is where its key is; a sequence's item where the item starts.
    at(next.key ?? next.value)
    node = next.value
  }
  if (key !== undefined) {
    const pair = child(node, key)
    if (pair) at(pair.key)
  }
  return line
}

function child(node: unknown, part: string | number): { key?: unknown; value: unknown } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(part))
    return pair ? { key: pair.key, value: pair.value ?? pair.key } : undefined
  }
  if (isSeq(node) && typeof part === 'number') {
    const item = node.items[part]
    return item === undefined ? undefined : { value: item }
  }
  return undefined
}
