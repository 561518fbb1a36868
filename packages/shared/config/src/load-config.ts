import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { parse as parseYaml } from 'yaml'
import type { z } from 'zod'
import { ConfigError } from './config-error'
import { describeIssue } from './describe-issue'
import { dutFileSections, readDutFile } from './dut-file'
import { configSchema, type DvtConfig } from './schema'
import { readYamlFile } from './yaml-file'

/** Prefix of environment overrides: `DVT__PHYSICS__UPDATE_RATE_HZ=50` sets physics.update_rate_hz. */
export const ENV_PREFIX = 'DVT__'

/** Where `loadConfig` looks when no path is given (relative to the working directory). */
export const DEFAULT_CONFIG_PATH = 'config/default.yaml'

export interface LoadConfigOptions {
  /** A YAML file. Without it, `config/default.yaml` is read if it exists, else built-in defaults apply. */
  path?: string
  /** Environment to read `DVT__…` overrides from. Defaults to `process.env`. */
  env?: Record<string, string | undefined>
  /**
   * A DUT file (docs/twin.md#the-dut-file): its `dut` and `physics.thermal` values apply over the file and the
   * environment, under `overrides`.
   */
  dutFile?: string
  /** Overrides applied last, e.g. from CLI flags (`{ simulation: { speed: 'max' } }`). */
  overrides?: Record<string, unknown>
  /** Names the source of `overrides` in messages, e.g. `--speed`. */
  overridesSource?: string
}

type Raw = Record<string, unknown>

/**
 * Reads, merges (defaults ← file ← environment ← DUT file ← overrides), validates and deep-freezes the configuration.
 * Any problem throws a ConfigError whose message is one sentence naming the key, the bad value and what is allowed.
 */
export function loadConfig(options: LoadConfigOptions = {}): DvtConfig {
  const sources = new Map<string, string>()
  const file = options.path ?? (existsSync(DEFAULT_CONFIG_PATH) ? DEFAULT_CONFIG_PATH : undefined)
  const raw: Raw = file === undefined ? {} : readConfigFile(file)
  if (file !== undefined) markSources(raw, [], `in ${file}`, sources)
  for (const [key, value] of Object.entries(options.env ?? process.env)) {
    if (!key.startsWith(ENV_PREFIX) || value === undefined) continue
    const path = key.slice(ENV_PREFIX.length).toLowerCase().split('__')
    if (path.some((segment) => segment === '')) {
      throw new ConfigError('CONFIG_UNKNOWN_KEY', `config: ${key} is not a valid override name (use DVT__SECTION__KEY)`)
    }
    setPath(raw, path, parseScalar(value))
    sources.set(path.join('.'), `from ${key}`)
  }
  if (options.dutFile !== undefined) {
    const sections = dutFileSections(readDutFile(options.dutFile))
    mergeInto(raw, sections)
    markSources(sections, [], `in ${options.dutFile}`, sources)
  }
  if (options.overrides) {
    mergeInto(raw, options.overrides)
    markSources(options.overrides, [], `from ${options.overridesSource ?? 'the command line'}`, sources)
  }
  const result = configSchema.safeParse(raw)
  if (!result.success) throw toConfigError(result.error, raw, sources)
  return deepFreeze(result.data)
}

function readConfigFile(path: string): Raw {
  const parsed = readYamlFile(resolve(path), { missing: `config: the file ${path}`, file: `config: ${path}` })
  if (parsed === null || parsed === undefined) return {}
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError('CONFIG_BAD_YAML', `config: ${path} must hold a mapping of sections, not a single value`)
  }
  return parsed as Raw
}

/**
 * An environment value is read as a YAML scalar (`true`, `5`, `1e3`, `null`, `max`, `"quoted"`) or, when it starts
 * with `[` or `{`, a YAML flow collection (`DVT__DASHBOARD__BENCHES='[{name: bench-1, host: lab-1}]'`); anything else
 * YAML would read as a collection stays the string it is.
 */
function parseScalar(value: string): unknown {
  try {
    const parsed: unknown = parseYaml(value)
    if (typeof parsed !== 'object' || parsed === null) return parsed
    return /^\s*[[{]/.test(value) ? parsed : value
  } catch {
    return value
  }
}

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function setPath(target: Raw, path: string[], value: unknown): void {
  let node = target
  for (const segment of path.slice(0, -1)) {
    const next = node[segment]
    if (!isRecord(next)) node[segment] = {}
    node = node[segment] as Raw
  }
  node[path.at(-1) as string] = value
}

function mergeInto(target: Raw, source: Raw): void {
  for (const [key, value] of Object.entries(source)) {
    const current = target[key]
    if (isRecord(value) && isRecord(current)) mergeInto(current, value)
    else target[key] = isRecord(value) ? structuredClone(value) : value
  }
}

function markSources(node: Raw, path: string[], source: string, sources: Map<string, string>): void {
  for (const [key, value] of Object.entries(node)) {
    const here = [...path, key]
    if (isRecord(value)) markSources(value, here, source, sources)
    else sources.set(here.join('.'), source)
  }
}

/** The value at `path`, through mappings and lists (`instruments.visa.sockets.1.vout`). */
function getPath(node: unknown, path: readonly PropertyKey[]): unknown {
  let current = node
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined
    current = (current as Record<string, unknown>)[String(key)]
  }
  return current
}

function toConfigError(error: z.ZodError, raw: Raw, sources: Map<string, string>): ConfigError {
  const issue = error.issues[0]
  if (!issue) return new ConfigError('CONFIG_INVALID', 'config: the configuration is invalid')
  if (issue.code === 'unrecognized_keys') {
    const key = [...issue.path, issue.keys[0] ?? ''].join('.')
    const source = sources.get(key) ?? lookupSource(sources, key)
    return new ConfigError(
      'CONFIG_UNKNOWN_KEY',
      `config: ${key} is not a known setting${source ? ` (${source})` : ''}; see config/default.yaml for the keys`,
    )
  }
  const key = issue.path.join('.')
  const value = getPath(raw, issue.path)
  const got = value === undefined ? 'nothing' : JSON.stringify(value)
  const source = sources.get(key) ?? enclosingSource(sources, key) ?? lookupSource(sources, key)
  const message = `config: ${key} ${describeIssue(issue)}, got ${got}${source ? ` (${source})` : ''}`
  return new ConfigError('CONFIG_INVALID', message, { cause: error })
}

/** The source of the nearest key above `key` (a setting inside a list, which is given as a whole). */
function enclosingSource(sources: Map<string, string>, key: string): string | undefined {
  const parts = key.split('.')
  for (let n = parts.length - 1; n > 0; n--) {
    const source = sources.get(parts.slice(0, n).join('.'))
    if (source) return source
  }
  return undefined
}

/** The source of the nearest key below `prefix` (for a section replaced by a scalar). */
function lookupSource(sources: Map<string, string>, prefix: string): string | undefined {
  for (const [key, source] of sources) if (key.startsWith(`${prefix}.`)) return source
  return undefined
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}
