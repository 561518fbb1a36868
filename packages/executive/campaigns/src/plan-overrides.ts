import { parse as parseYaml } from 'yaml'
import { formatPath, type PlanPath } from './internal/yaml-locations'

/** One `--set key=value`: a dotted path into the plan and the value, read as a YAML scalar (`16`, `true`, `LOT-1`). */
export interface PlanOverride {
  /** As given, for messages: `lot.size`. */
  key: string
  path: PlanPath
  value: unknown
}

/** `steps.1.sweep.load_a` or `steps[1].sweep.load_a` → `['steps', 1, 'sweep', 'load_a']`. */
function parsePath(key: string): PlanPath | null {
  const parts: (string | number)[] = []
  for (const segment of key.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(segment)
    if (match === null) return null
    const [, name = '', indices = ''] = match
    if (name !== '') parts.push(/^\d+$/.test(name) ? Number(name) : name)
    for (const index of indices.matchAll(/\[(\d+)\]/g)) parts.push(Number(index[1]))
    if (name === '' && indices === '') return null
  }
  return parts.length > 0 ? parts : null
}

/**
 * Reads `--set key=value` items. Returns the overrides and one sentence per malformed item
 * (`--set lot.size: takes key=value, got "lot.size"`).
 */
export function parseOverrides(items: readonly string[]): { overrides: PlanOverride[]; problems: string[] } {
  const overrides: PlanOverride[] = []
  const problems: string[] = []
  for (const item of items) {
    const eq = item.indexOf('=')
    const key = (eq < 0 ? item : item.slice(0, eq)).trim()
    const path = eq <= 0 ? null : parsePath(key)
    if (path === null) {
      problems.push(`--set ${item}: takes key=value with a dotted key into the plan, e.g. --set lot.size=16`)
      continue
    }
    const text = item.slice(eq + 1).trim()
    let value: unknown
    try {
      value = text === '' ? null : parseYaml(text)
    } catch {
      value = text
    }
    overrides.push({ key: formatPath(path), path, value })
  }
  return { overrides, problems }
}

/** Sets each override into `data` (a plain object from the YAML), creating the mappings on its way. */
export function applyOverrides(data: Record<string, unknown>, overrides: readonly PlanOverride[]): void {
  for (const { path, value } of overrides) {
    let node: Record<string | number, unknown> = data
    for (const [i, part] of path.entries()) {
      if (i === path.length - 1) {
        node[part] = value
        break
      }
      const next = node[part]
      if (next === null || typeof next !== 'object') node[part] = typeof path[i + 1] === 'number' ? [] : {}
      node = node[part] as Record<string | number, unknown>
    }
  }
}

/** The override that set `path` or one of its ancestors, if any: a problem there is reported on the command line. */
export function overrideAt(overrides: readonly PlanOverride[], path: PlanPath): PlanOverride | undefined {
  return overrides.findLast((o) => o.path.length <= path.length && o.path.every((part, i) => part === path[i]))
}
