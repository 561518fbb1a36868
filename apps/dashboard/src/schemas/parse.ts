import type { z } from 'zod'
import { DashboardError } from '../errors'
import { describeZodError } from '../internal/describe-zod-error'

/** Validates request input at the edge; a failure is a 400 with one sentence. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input)
  if (!result.success) throw new DashboardError('DASHBOARD_BAD_REQUEST', describeZodError(result.error, what))
  return result.data
}
