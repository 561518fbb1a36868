import type { FastifyInstance } from 'fastify'
import { validatePlanSchema } from '../../schemas/campaigns'
import { parseInput } from '../../schemas/parse'

/** The campaign plans: the files of `data.plans_dir`, and validation of a pasted or chosen plan. */
export async function planRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/plans', async () => ({ plans: await app.plans.list() }))

  app.post('/api/plans/validate', async (request, reply) => {
    const body = parseInput(validatePlanSchema, request.body ?? {}, 'the plan')
    const checked = await app.plans.check(body)
    if (!checked.ok) {
      const count = checked.problems.length
      const error = count === 1 ? checked.problems[0]! : `the plan has ${count} problems`
      return reply.code(422).send({ error, problems: checked.problems })
    }
    return { valid: true, name: checked.plan.name, description: checked.description, plan: checked.plan }
  })
}
