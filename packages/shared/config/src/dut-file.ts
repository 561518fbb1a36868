import { stringify as stringifyYaml } from 'yaml'
import { z } from 'zod'
import { ConfigError } from './config-error'
import { describeIssue } from './describe-issue'
import { dutSchema, ldoParametersSchema, physicsSchema } from './schema'
import { readYamlFile } from './yaml-file'

/** The first line of every DUT file: what it is and which version of the format. */
export const DUT_FILE_FORMAT = 'dvt-dut/1'

/** What `dvt fit` found for one parameter; informational (docs/twin.md#the-dut-file). */
const fittedParameterSchema = z.strictObject({
  value: z.number(),
  unit: z.string(),
  /** False: the runs did not determine it; it was held at the model's default. */
  fitted: z.boolean(),
  /** Standard uncertainty, degrees of freedom and the interval at `level`. */
  u: z.number().nullable(),
  dof: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
})

const fitSchema = z.strictObject({
  runs: z.array(z.string()),
  serial: z.string().nullable(),
  fitted_at: z.string(),
  software_version: z.string(),
  level: z.number(),
  parameters: z.record(z.string(), fittedParameterSchema),
})

const thermalSchema = physicsSchema.unwrap().shape.thermal.unwrap()

/**
 * A part's model for `dvt serve --dut` (docs/twin.md#the-dut-file): the `dut` section and the thermal part of the
 * `physics` section of the configuration, with the same keys and rules, plus what the fit found.
 */
export const dutFileSchema = z.strictObject({
  format: z.literal(DUT_FILE_FORMAT),
  description: z.string().optional(),
  dut: z.strictObject({
    model: dutSchema.unwrap().shape.model.optional(),
    parameters: ldoParametersSchema.unwrap().partial(),
  }),
  physics: z.strictObject({ thermal: thermalSchema.partial().optional() }).optional(),
  fit: fitSchema.optional(),
})

/** A DUT file as written and read (every parameter optional: what is left out keeps the configuration's value). */
export type DutFile = z.input<typeof dutFileSchema>

/** Reads and checks a DUT file; any problem is a ConfigError of one sentence naming the file and the key. */
export function readDutFile(path: string): DutFile {
  const parsed = readYamlFile(path, { missing: `dut file ${path}`, file: `dut file ${path}` })
  if (valueAt(parsed, ['format']) !== DUT_FILE_FORMAT) {
    throw new ConfigError(
      'CONFIG_BAD_DUT_FILE',
      `${path} is not a DUT file: its first key must be format: ${DUT_FILE_FORMAT}`,
    )
  }
  const result = dutFileSchema.safeParse(parsed)
  if (result.success) return parsed as DutFile
  // A misspelt key says more than the missing one it was meant to be.
  const issues = result.error.issues
  const issue = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0]!
  const key = [...issue.path, ...(issue.code === 'unrecognized_keys' ? [issue.keys[0] ?? ''] : [])].join('.')
  const what = issue.code === 'unrecognized_keys' ? 'is not a key of a DUT file' : describeIssue(issue)
  const value =
    issue.code === 'unrecognized_keys' ? '' : `, got ${JSON.stringify(valueAt(parsed, issue.path)) ?? 'nothing'}`
  throw new ConfigError('CONFIG_BAD_DUT_FILE', `dut file ${path}: ${key} ${what}${value}`, { cause: result.error })
}

function valueAt(node: unknown, path: readonly PropertyKey[]): unknown {
  let current = node
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined
    current = (current as Record<string, unknown>)[String(key)]
  }
  return current
}

/** The configuration sections a DUT file sets: merged over the file and environment, under the command line. */
export function dutFileSections(file: DutFile): Record<string, unknown> {
  return file.physics ? { dut: file.dut, physics: file.physics } : { dut: file.dut }
}

/** A DUT file as YAML, with a comment saying what it is and how it is used. */
export function formatDutFile(file: DutFile): string {
  const header = [
    "# A DUT file: one part's model for `dvt serve --dut <file>` (docs/twin.md#the-dut-file).",
    "# dut and physics.thermal use the configuration's keys and rules; fit records what dvt fit found (95 % intervals).",
  ]
  return `${header.join('\n')}\n${stringifyYaml(file, { lineWidth: 0 })}`
}
