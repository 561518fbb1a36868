import { describePlan, validatePlan } from '@dvt/campaigns'
import { EXIT } from '../cli-error'
import { readPlanFile } from '../plan-file'

interface ValidatePlanFlags {
  set: string[]
}

/** `dvt validate-plan <file>`: nothing is run and no bench or database is needed. */
export async function validatePlanFile(file: string, flags: ValidatePlanFlags): Promise<number> {
  const result = validatePlan({ text: readPlanFile(file), file, sets: flags.set })
  if (!result.ok) {
    for (const problem of result.problems) console.error(problem)
    const n = result.problems.length
    console.error(`\n${file}: ${n} problem${n === 1 ? '' : 's'}; nothing was run`)
    return EXIT.usage
  }
  console.log(`valid: ${describePlan(result.plan)}`)
  return EXIT.ok
}
