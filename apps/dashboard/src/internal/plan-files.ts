import { readdir, readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { describePlan, type Plan, validatePlan } from '@dvt/campaigns'
import type { TestRegistry } from '@dvt/framework'
import { DashboardError } from '../errors'

/** A plan file as `GET /api/plans` lists it. */
export interface PlanFileInfo {
  /** The file's name in the plans directory, e.g. `ldo-datasheet.yaml`. */
  file: string
  /** How messages name it: `plans/ldo-datasheet.yaml`. */
  path: string
  /** The plan's name, or null when it does not validate. */
  name: string | null
  /** "224 points over 4 temperatures, …" when valid. */
  description: string | null
  /** Every problem, one sentence each with its line; empty when valid. */
  problems: string[]
  text: string
}

/** A plan as the client gave it (pasted YAML or a file), checked. */
export type CheckedPlan =
  | { ok: true; plan: Plan; text: string; planPath: string | null; description: string }
  | { ok: false; problems: string[] }

/** The plans of `data.plans_dir` (the `plans/` of the repository by default) and plans pasted on the page. */
export interface PlanFiles {
  list(): Promise<PlanFileInfo[]>
  /** Validates a pasted plan (`yaml`) or a file of the directory (`plan`) with `--set` style overrides. */
  check(source: { yaml?: string; plan?: string; set: readonly string[] }): Promise<CheckedPlan>
}

const isPlanFile = (name: string): boolean => /\.ya?ml$/.test(name) && !name.startsWith('.')

export function createPlanFiles(plansDir: string, registry: TestRegistry): PlanFiles {
  const dir = resolve(plansDir)
  const shown = (file: string) => join(plansDir.replace(/^\.\//, ''), file)
  const read = async (file: string): Promise<string> => {
    try {
      return await readFile(join(dir, file), 'utf8')
    } catch {
      throw new DashboardError(
        'DASHBOARD_NOT_FOUND',
        `there is no plan "${file}" in ${plansDir} — GET /api/plans lists them`,
      )
    }
  }
  const validate = (text: string, file: string | null, set: readonly string[]) =>
    validatePlan({ text, file: file ?? 'plan', sets: set }, { registry })

  return {
    async list() {
      const names = await readdir(dir).catch(() => [] as string[])
      const files = names.filter(isPlanFile).sort()
      return Promise.all(
        files.map(async (file): Promise<PlanFileInfo> => {
          const text = await read(file)
          const result = validate(text, shown(file), [])
          return {
            file,
            path: shown(file),
            name: result.ok ? result.plan.name : null,
            description: result.ok ? describePlan(result.plan) : null,
            problems: result.ok ? [] : result.problems,
            text,
          }
        }),
      )
    },
    async check(source) {
      const text = source.plan === undefined ? (source.yaml ?? '') : await read(source.plan)
      const planPath = source.plan === undefined ? null : shown(source.plan)
      const result = validate(text, planPath, source.set)
      if (!result.ok) return { ok: false, problems: result.problems }
      return { ok: true, plan: result.plan, text, planPath, description: describePlan(result.plan) }
    },
  }
}
