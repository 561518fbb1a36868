import {
  INSTRUMENT_NAMES,
  type InstrumentRole,
  isSimSpeed,
  resolveRole,
  type SimSpeed,
  speedProblem,
} from '@dvt/protocol'
import { z } from 'zod'

/** The instruments a browser may address, by role or alias (`sim` is the simulation control port). */
export const instrumentNameSchema = z.enum(INSTRUMENT_NAMES).transform((name) => resolveRole(name) as InstrumentRole)

/** `POST /api/control`: every field optional; only the given ones are sent. */
export const controlRequestSchema = z
  .object({
    setpoint_c: z.number().min(-75).max(200).optional(),
    ramp_c_per_min: z.number().positive().max(1000).optional(),
    supply_v: z.number().min(0).max(6.18).optional(),
    supply_on: z.boolean().optional(),
    load_a: z.number().min(0).max(10).optional(),
    load_on: z.boolean().optional(),
    speed: z
      .custom<SimSpeed>(isSimSpeed, { error: (issue) => speedProblem(issue.input) ?? 'must be a speed' })
      .optional(),
    paused: z.boolean().optional(),
  })
  .strict()
export type ControlRequest = z.infer<typeof controlRequestSchema>

/** `?bench=<name>` of the control, console and status routes: a bench of the fleet; without it, the first. */
export const benchQuerySchema = z.object({ bench: z.string().min(1).max(200).optional() }).strict()

/** `POST /api/scpi`: one raw command or query line. */
export const scpiRequestSchema = z
  .object({
    instrument: instrumentNameSchema,
    command: z
      .string()
      .trim()
      .min(1)
      .max(4096)
      .regex(/^[^\x00-\x1f\x7f]*$/, 'must be one line without control characters'),
  })
  .strict()
export type ScpiRequest = z.infer<typeof scpiRequestSchema>
