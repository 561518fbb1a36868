import { RUN_STATUSES } from '@dvt/storage/records'
import { z } from 'zod'

/** A full UUID or an 8-hex prefix (at least 8 hex characters). */
export const runIdSchema = z
  .string()
  .regex(
    /^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-fA-F]{8,32})$/,
    'must be a run ID: a UUID or its first 8 hex characters',
  )

export const runParamsSchema = z.object({ id: runIdSchema })

const isoDate = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), 'must be a date (YYYY-MM-DD or ISO-8601)')
  .transform((s) => new Date(s).toISOString())

/** `GET /api/runs` query string. */
export const runListQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(20),
    offset: z.coerce.number().int().min(0).default(0),
    status: z.enum(RUN_STATUSES).optional(),
    test: z.string().min(1).max(100).optional(),
    station: z.string().min(1).max(200).optional(),
    search: z.string().max(200).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .strict()

/** `GET /api/compare` query: the two runs, b compared with a. */
export const compareQuerySchema = z.object({ a: runIdSchema, b: runIdSchema }).strict()

/** `GET /api/runs/:id/report.pdf` query: with `compare`, the report has a section comparing the run with that one. */
export const reportQuerySchema = z.object({ compare: runIdSchema.optional() }).strict()

/** `POST /api/runs` body. */
export const startRunSchema = z
  .object({
    test: z.string().min(1).max(100),
    parameters: z.record(z.string(), z.unknown()).default({}),
    serial: z.string().max(200).optional(),
    operator: z.string().max(200).optional(),
    description: z.string().max(2000).optional(),
    /** The bench of the fleet to run on, by name (`GET /api/benches`); without it, the dashboard's own bench. */
    bench: z.string().min(1).max(200).optional(),
  })
  .strict()
export type StartRunRequest = z.infer<typeof startRunSchema>
