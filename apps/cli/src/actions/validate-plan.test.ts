import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { validatePlanFile } from './validate-plan'

const dir = mkdtempSync(join(tmpdir(), 'dvt-plans-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
afterEach(() => vi.restoreAllMocks())

/** A valid plan; each broken plan below changes one line of it. */
const GOOD = [
  'name: broken', // 1
  'lot: { name: L, size: 2 }', // 2
  'sockets: 1', // 3
  'temperatures_c: [25, 85]', // 4
  'steps:', // 5
  '  - test: load_regulation', // 6
  '    sweep: { supply_v: [4, 5] }', // 7
  '  - test: line_regulation', // 8
  '    retry: { attempts: 2, on: error }', // 9
  'limits: { load_regulation_pct: { upper: 1.5 } }', // 10
]

function plan(name: string, line: number, text: string | null): string {
  const lines = [...GOOD]
  if (text === null) lines.splice(line - 1, 1)
  else lines[line - 1] = text
  const file = join(dir, `${name}.yaml`)
  writeFileSync(file, `${lines.join('\n')}\n`)
  return file
}

/** Runs `dvt validate-plan` on the file: its exit code and the lines it printed on each stream. */
async function validate(file: string, sets: string[] = []) {
  const errors: string[] = []
  const out: string[] = []
  vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line))
  vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line))
  const code = await validatePlanFile(file, { set: sets })
  return { code, problems: errors.filter((l) => l.startsWith(file) && !l.includes('nothing was run')), errors, out }
}

describe('dvt validate-plan', () => {
  it('says what a valid plan would run', async () => {
    const { code, out, errors } = await validate(plan('good', 1, GOOD[0]!))
    expect(code).toBe(0)
    expect(errors).toEqual([])
    expect(out).toEqual(['valid: 12 points over 2 temperatures, 2 boards of 1 socket, 2 steps (2 DUTs)'])
  })

  it.each<[string, number, string | null, string]>([
    [
      'unknown-test',
      8,
      '  - test: line_regulaton',
      '8: steps[1].test: there is no test "line_regulaton" — the steps can be load_regulation, line_regulation',
    ],
    [
      'unknown-parameter',
      7,
      '    parameters: { loads: [0, 0.1] }',
      '7: steps[0].parameters.loads: load_regulation has no parameter "loads" — it takes loads_a, step_settle_s',
    ],
    ['bad-sweep-value', 7, '    sweep: { supply_v: [4, 9] }', '7: steps[0].sweep.supply_v[1]: must be a number ≤ 6'],
    ['empty-temperatures', 4, 'temperatures_c: []', '4: temperatures_c: must have at least 1 entry'],
    ['sockets-0', 3, 'sockets: 0', '3: sockets: must be a number ≥ 1'],
    [
      'unknown-limit',
      10,
      'limits: { tempco_ppmm: { upper: 1.5 } }',
      '10: limits.tempco_ppmm: no step measures "tempco_ppmm" and no parameter is derived by that name',
    ],
    ['retry-attempts-0', 9, '    retry: { attempts: 0 }', '9: steps[1].retry.attempts: must be a number ≥ 1'],
    [
      'unknown-variant',
      10,
      'variant: automotive',
      '10: variant: there is no variant "automotive" — the plan declares no variants',
    ],
    [
      'duplicate-temperature',
      4,
      'temperatures_c: [25, 85, 25]',
      '4: temperatures_c[2]: 25 °C is listed twice — give each temperature once',
    ],
    [
      'campaign-parameter',
      7,
      '    sweep: { temperature_c: [25, 85] }',
      '7: steps[0].sweep.temperature_c: "temperature_c" is set by the campaign itself (temperatures_c, sockets, soak)',
    ],
    [
      'unknown-key',
      4,
      'temperature_c: [25, 85]',
      '4: temperature_c: "temperature_c" is not a key here — docs/campaigns.md lists the plan\'s keys',
    ],
    ['yaml-syntax', 7, '    sweep: { supply_v: [4, 5 }', '7: YAML syntax error:'],
  ])('%s: one sentence with its line, nothing run', async (name, line, text, says) => {
    const file = plan(name, line, text)
    const { code, problems, out } = await validate(file)
    expect(code).toBe(1)
    expect(out).toEqual([])
    expect(problems.length).toBeGreaterThanOrEqual(1)
    expect(problems.find((p) => p.includes(`${file}:${says}`))).toBeDefined()
    // A misspelt required key is also a missing one.
    if (name === 'unknown-key') expect(problems).toContain(`${file}:1: temperatures_c: is missing (it is a list)`)
    if (name !== 'yaml-syntax') expect(problems).toHaveLength(name === 'unknown-key' ? 2 : 1)
    // One sentence: one line, no stack, no zod dump.
    for (const problem of problems) expect(problem).not.toMatch(/\n|ZodError|at .*\.ts:/)
  })

  it('names problems of both kinds at once: a bad shape and a step the library does not know', async () => {
    const lines = [...GOOD]
    lines[2] = 'sockets: 0'
    lines[7] = '  - test: line_regulaton'
    const file = join(dir, 'two-kinds.yaml')
    writeFileSync(file, `${lines.join('\n')}\n`)
    const { code, problems } = await validate(file)
    expect(code).toBe(1)
    expect(problems).toEqual([
      `${file}:3: sockets: must be a number ≥ 1`,
      `${file}:8: steps[1].test: there is no test "line_regulaton" — the steps can be load_regulation, line_regulation, dropout, output_voltage, quiescent_current`,
    ])
  })

  it('checks --set overrides like the file and names them', async () => {
    const { code, errors } = await validate(plan('set', 1, GOOD[0]!), ['lot.size=-2', 'sockets=17'])
    expect(code).toBe(1)
    expect(errors.slice(0, 2)).toEqual(['--set lot.size: must be a number ≥ 0', '--set sockets: must be a number ≤ 16'])
  })

  it('says so in one sentence when the file is missing', async () => {
    await expect(validate(join(dir, 'nope.yaml'))).rejects.toThrow(
      /cannot read the plan .*nope\.yaml: there is no such file/,
    )
  })
})
