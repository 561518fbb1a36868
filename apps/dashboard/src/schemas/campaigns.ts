import { RUN_STATUSES } from '@dvt/storage/records'
import { z } from 'zod'
import { runIdSchema } from './runs'

/** A plan file of `data.plans_dir` by its name: no directories, a `.yaml`/`.yml` extension. */
export const planFileSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.ya?ml$/, 'must be the name of a .yaml file in the plans directory')

/** `--set key=value` items, as the CLI takes them. */
const setsSchema = z.array(z.string().min(1).max(500)).max(50).default([])

/** `POST /api/plans/validate` body: a pasted plan (its YAML), or a plan file's name, with overrides. */
export const validatePlanSchema = z
  .object({
    yaml: z.string().max(60_000).optional(),
    plan: planFileSchema.optional(),
    set: setsSchema,
  })
  .strict()
  .refine(
    (b) => (b.yaml === undefined) !== (b.plan === undefined),
    'give either "yaml" (a pasted plan) or "plan" (a file in plans/)',
  )

/** `POST /api/campaigns` body: the plan as for validation, and who runs it. */
export const startCampaignSchema = z
  .object({
    yaml: z.string().max(60_000).optional(),
    plan: planFileSchema.optional(),
    set: setsSchema,
    operator: z.string().min(1).max(100).optional(),
    /** The bench of the fleet to run it on, by name (`GET /api/benches`); without it, the dashboard's own. */
    bench: z.string().min(1).max(200).optional(),
  })
  .strict()
  .refine(
    (b) => (b.yaml === undefined) !== (b.plan === undefined),
    'give either "yaml" (a pasted plan) or "plan" (a file in plans/)',
  )

/** A campaign ID: a UUID or its first 8+ hex characters, as for runs. */
export const campaignParamsSchema = z.object({ id: runIdSchema })

/** `GET /api/campaigns` query string. */
export const campaignListQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).default(0),
    status: z.enum(RUN_STATUSES).optional(),
    search: z.string().max(200).optional(),
  })
  .strict()

export type ValidatePlanRequest = z.output<typeof validatePlanSchema>
export type StartCampaignRequest = z.output<typeof startCampaignSchema>
