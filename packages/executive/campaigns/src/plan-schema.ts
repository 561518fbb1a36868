import { lotSchema } from '@dvt/config'
import { benchParameters } from '@dvt/framework'
import { MAX_SOCKETS } from '@dvt/protocol'
import { z } from 'zod'

/** Limits of one parameter (inclusive); either side may be open. */
export const limitSchema = z
  .strictObject({
    lower: z.number().optional().describe('lowest value that passes'),
    upper: z.number().optional().describe('highest value that passes'),
  })
  .describe('limits of one parameter (inclusive); either side may be open')

/** Limits by parameter name: a measurement of a step's test or a derived parameter (docs/campaigns.md). */
export const limitsSchema = z.record(z.string().min(1), limitSchema)

/** The lot of a plan: the same keys as the `dut.lot` configuration section (docs/physics.md#lots), `size` required. */
const planLotSchema = lotSchema.unwrap().unwrap()

/** What a point does when its run errs or fails: try again, up to `attempts` tries in all. */
export const RETRY_ON = Object.freeze(['error', 'fail'] as const)
export type RetryOn = (typeof RETRY_ON)[number]

/** What the campaign does after a point that still fails: carry on, or stop (the campaign ends `failed`). */
export const ON_FAIL = Object.freeze(['continue', 'stop'] as const)
export type OnFail = (typeof ON_FAIL)[number]

export const stepSchema = z.strictObject({
  test: z.string().min(1).describe('a per-temperature library test ("dvt list-tests")'),
  parameters: z
    .record(z.string(), z.unknown())
    .default({})
    .describe('fixed parameters of the test (the campaign sets temperature_c, sockets and dwell_s itself)'),
  sweep: z
    .record(z.string(), z.array(z.unknown()).min(1))
    .default({})
    .describe('nested sweeps: each key a parameter of the test and the values it takes (first key outermost)'),
  limits: limitsSchema.default({}).describe("limit overrides for this step's measurements"),
  retry: z
    .strictObject({
      attempts: z.number().int().min(1).max(10).default(1).describe('tries of a point in all, 1 = no retry'),
      on: z.enum(RETRY_ON).default('error').describe('retry a point whose run errs, or also one that fails'),
    })
    .prefault({}),
  on_fail: z.enum(ON_FAIL).default('continue').describe('after a point that still errs or fails: continue or stop'),
})

/**
 * The chamber handling of the campaign: one ramp and soak per temperature for the whole lot (the steps then run with
 * `dwell_s: 0`), and a short soak after each board swap. The keys are the library tests' own.
 */
export const soakSchema = z
  .strictObject({
    ramp_c_per_min: benchParameters.ramp_c_per_min,
    window_c: benchParameters.window_c,
    soak_s: benchParameters.soak_s,
    poll_s: benchParameters.poll_s,
    dwell_s: benchParameters.dwell_s,
    max_settle_s: benchParameters.max_settle_s,
    board_soak_s: z
      .number()
      .min(0)
      .default(25)
      .describe('wait after a board is loaded, before its first step: 5 τ of the DUT case (5 s), s'),
  })
  .prefault({})

export const planSchema = z.strictObject({
  name: z.string().min(1).max(200).describe('what the campaign is called in listings and the report'),
  lot: planLotSchema.describe('the lot of parts: name, size, seed, spread and corners (docs/physics.md#lots)'),
  sockets: z.number().int().min(1).max(MAX_SOCKETS).describe('DUTs measured together on one board'),
  temperatures_c: z
    .array(z.number().min(-75).max(200))
    .min(1)
    .describe('chamber temperatures, in the order they are visited (the outer loop)'),
  soak: soakSchema,
  steps: z.array(stepSchema).min(1).describe('per-temperature library tests, run at every temperature on every board'),
  limits: limitsSchema.default({}).describe('limit overrides for the whole plan, by parameter'),
  variants: z
    .record(z.string().regex(/^[\w.-]+$/), z.strictObject({ limits: limitsSchema.default({}) }))
    .default({})
    .describe('named variants (SKUs), each with its own limit overrides'),
  variant: z.string().nullable().default(null).describe('the variant whose limits judge this campaign'),
  acceptance: z
    .strictObject({
      min_yield: z.number().min(0).max(1).describe('the lot passes when at least this fraction of DUTs pass'),
    })
    .nullable()
    .default(null),
})

/** A validated plan, defaults filled in. */
export type Plan = z.output<typeof planSchema>
export type PlanStep = Plan['steps'][number]
export type PlanLimits = z.output<typeof limitsSchema>
export type PlanLimit = z.output<typeof limitSchema>
export type SoakSettings = Plan['soak']
