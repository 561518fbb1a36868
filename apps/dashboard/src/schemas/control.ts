import { INSTRUMENT_LABELS, type InstrumentRole } from '@dvt/drivers'
import { z } from 'zod'

/** The instruments a browser may address (`sim` is the simulation control port): the drivers' roles. */
export const instrumentNameSchema = z.enum(Object.keys(INSTRUMENT_LABELS) as [InstrumentRole, ...InstrumentRole[]])
export type InstrumentName = z.infer<typeof instrumentNameSchema>

/** `POST /api/control`: every field optional; only the given ones are sent. */
export const controlRequestSchema = z
  .object({
    setpoint_c: z.number().min(-75).max(200).optional(),
    ramp_c_per_min: z.number().positive().max(1000).optional(),
    supply_v: z.number().min(0).max(6.18).optional(),
    supply_on: z.boolean().optional(),
    load_a: z.number().min(0).max(10).optional(),
    load_on: z.boolean().optional(),
    speed: z.union([z.number().positive().max(100_000), z.literal('max')]).optional(),
    paused: z.boolean().optional(),
  })
  .strict()
export type ControlRequest = z.infer<typeof controlRequestSchema>

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
