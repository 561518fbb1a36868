/** A telemetry snapshot (keys in docs/scpi.md#telemetry; numbers in SI units and °C): the drivers' type, erased at build. */
import type { SimSnapshot as Telemetry } from '@dvt/drivers'

export type { Telemetry }

/** A framework run event as the server forwards it (`{type:'run', event}`). */
export interface RunEvent {
  type: string
  runId?: string
  [key: string]: unknown
}

/** Messages of `/api/ws`. */
export type ServerMessage =
  | { type: 'telemetry'; t: number; data: Telemetry }
  | { type: 'sim'; connected: boolean }
  | { type: 'run'; event: RunEvent }

/** One measurement row as the web app uses it (from Arrow, or from a live run event). */
export interface MeasurementPoint {
  simTime: number
  parameter: string
  value: number
  unit: string
  temperature: number | null
  inputVoltage: number | null
  loadCurrent: number | null
}
