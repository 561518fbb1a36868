import { DEFAULT_PORTS, isSimSpeed, type SimSpeed, speedProblem } from '@dvt/protocol'
import { z } from 'zod'

const positive = () => z.number().positive()
const port = (fallback: number) => z.number().int().min(0).max(65535).default(fallback)
/** A section whose keys all have defaults, so the section itself may be omitted. */
const section = <T extends z.ZodRawShape>(shape: T) => {
  const object = z.strictObject(shape)
  return object.prefault({} as z.input<typeof object>)
}

/** `TCPIP::host::port::SOCKET` (or null while a real instrument is not configured). */
const resource = z
  .string()
  .regex(/^TCPIP\d*::[^:]+::\d+::SOCKET$/i, 'must be a VISA resource like TCPIP::192.168.1.10::5025::SOCKET')
  .nullable()
  .default(null)

export const instrumentsSchema = section({
  backend: z.enum(['simulator', 'visa']).default('simulator'),
  timeout_ms: z.number().int().positive().default(5000),
  simulator: section({
    host: z.string().min(1).default('127.0.0.1'),
    control_port: port(DEFAULT_PORTS.control),
    chamber_port: port(DEFAULT_PORTS.chamber),
    supply_port: port(DEFAULT_PORTS.supply),
    dmm_port: port(DEFAULT_PORTS.dmm),
    load_port: port(DEFAULT_PORTS.load),
    telemetry_port: port(DEFAULT_PORTS.telemetry),
  }),
  visa: section({
    chamber: resource,
    supply: resource,
    dmm: resource,
    load: resource,
  }),
})

export const physicsSchema = section({
  update_rate_hz: positive().default(100),
  seed: z.number().int().min(0).default(1),
  noise: z.boolean().default(true),
  thermal: section({
    chamber_time_constant_s: positive().default(30),
    case_time_constant_s: positive().default(5),
    theta_jc: positive().default(15),
    theta_ca: positive().default(5),
  }),
  chamber: section({
    ramp_rate_c_per_min: positive().default(10),
    stability_window_c: positive().default(0.5),
    stability_time_s: z.number().min(0).default(30),
    ambient_c: z.number().default(25),
    min_setpoint_c: z.number().default(-75),
    max_setpoint_c: z.number().default(200),
  }),
  thermistor: section({
    r25_ohm: positive().default(10_000),
    beta_k: positive().default(3950),
  }),
})

export const ldoParametersSchema = section({
  nominal_output_voltage: positive().default(3.3),
  tempco_ppm_per_c: z.number().default(50),
  quiescent_current_ua: z.number().min(0).default(50),
  quiescent_current_tempco: z.number().default(0.003),
  dropout_voltage: z.number().min(0).default(0.3),
  dropout_temperature_exponent: z.number().default(1.5),
  line_regulation_pct_per_v: z.number().default(0.01),
  load_regulation_ohm: z.number().min(0).default(0.05),
  current_limit_a: positive().default(0.6),
  nominal_input_voltage: positive().default(5.0),
  uvlo_v: z.number().min(0).default(1.5),
  thermal_shutdown_c: z.number().default(165),
  thermal_shutdown_hysteresis_c: z.number().min(0).default(15),
})

export const dutSchema = section({
  model: z.enum(['ldo']).default('ldo'),
  parameters: ldoParametersSchema,
})

export const simulationSchema = section({
  speed: z
    .custom<SimSpeed>(isSimSpeed, { error: (issue) => speedProblem(issue.input) ?? 'must be a speed' })
    .default(60),
  telemetry_hz: positive().max(1000).default(20),
  max_clients_per_instrument: z.number().int().positive().default(32),
})

export const dataSchema = section({
  database_path: z.string().min(1).default('./data/dvt.db'),
  measurements_dir: z.string().min(1).default('./data/measurements'),
  reports_dir: z.string().min(1).default('./data/reports'),
})

export const loggingSchema = section({
  level: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  file: z.string().min(1).nullable().default(null),
})

export const dashboardSchema = section({
  enabled: z.boolean().default(true),
  host: z.string().min(1).default('127.0.0.1'),
  port: port(8080),
  token: z.string().min(16, 'must be at least 16 characters').nullable().default(null),
})

export const reportingSchema = section({
  company_name: z.string().min(1).default('DVT Bench'),
  logo_path: z.string().min(1).nullable().default(null),
  include_charts: z.boolean().default(true),
  chromium_path: z.string().min(1).default('/usr/bin/chromium'),
  timeout_s: positive().default(30),
})

export const stationSchema = section({
  name: z.string().min(1).default('virtual-bench-1'),
})

/** The whole configuration file. Every key has a default, so an empty file is valid. */
export const configSchema = z.strictObject({
  instruments: instrumentsSchema,
  physics: physicsSchema,
  dut: dutSchema,
  simulation: simulationSchema,
  data: dataSchema,
  logging: loggingSchema,
  dashboard: dashboardSchema,
  reporting: reportingSchema,
  station: stationSchema,
})

/** The validated configuration: snake_case keys exactly as in config/default.yaml. */
export type DvtConfig = z.output<typeof configSchema>
