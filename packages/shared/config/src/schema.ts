import {
  BENCH_PORTS,
  type BenchPort,
  DEFAULT_PORT_BASE,
  isSimSpeed,
  MAX_PORT_BASE,
  MAX_SOCKETS,
  type SimSpeed,
  speedProblem,
} from '@dvt/protocol'
import { z } from 'zod'

const positive = () => z.number().positive()
const port = (fallback: number) => z.number().int().min(0).max(65535).default(fallback)
/**
 * Where a bench's ports start (docs/scpi.md#ports): every listener at base + its offset, so the highest base leaves
 * room for the telemetry port. 0: every listener on any free port.
 */
export const portBaseSchema = z.number().int().min(0).max(MAX_PORT_BASE)
/** An explicit port of one listener; null: the port base plus the listener's offset. */
const portOverride = z.number().int().min(0).max(65535).nullable().default(null)
/** `control_port`, `chamber_port`, … `telemetry_port`: one override key per listener of BENCH_PORTS. */
const portOverrides = Object.fromEntries(BENCH_PORTS.map((name) => [`${name}_port`, portOverride])) as Record<
  `${BenchPort}_port`,
  typeof portOverride
>
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

/**
 * A channel of the switch/measure unit: slot 1…3, channel 01…99 (`103` is slot 1, channel 3), as the DAQ970A
 * numbers them. docs/scpi.md#switchmeasure-unit
 */
const muxChannel = z.number().int().min(101).max(399)

/**
 * How one socket of a real DUT board is wired (docs/tests.md#sockets): where its V_out is read, which load channel
 * loads it, and where its input current is read.
 */
export const socketWiringSchema = z.strictObject({
  /** `dmm`, or the channel of the switch/measure unit wired to the socket's output. */
  vout: z.union([z.literal('dmm'), muxChannel]).default('dmm'),
  /** The electronic load's channel; channel 1 is driven without channel lists, as a single-channel load. */
  load_channel: z.number().int().min(1).max(MAX_SOCKETS).default(1),
  /**
   * `supply` (the read-back of supply output 1, which feeds the whole board), or a current-sense output read by
   * the switch/measure unit: its channel and its scaling in volts per ampere.
   */
  input_current: z
    .union([z.literal('supply'), z.strictObject({ channel: muxChannel, volts_per_amp: positive() })])
    .default('supply'),
})

/** The switch/measure-unit channels a socket is read through. */
function muxChannelsOf(socket: z.output<typeof socketWiringSchema>): number[] {
  const current = socket.input_current === 'supply' ? [] : [socket.input_current.channel]
  return [...(socket.vout === 'dmm' ? [] : [socket.vout]), ...current]
}

const visaSchema = section({
  chamber: resource,
  supply: resource,
  dmm: resource,
  load: resource,
  /** The switch/measure unit; needed only when a socket is read through it. */
  mux: resource,
  /** The DUT board, socket 1 first; null: one DUT, wired as the multimeter, the load and the supply reach it. */
  sockets: z.array(socketWiringSchema).min(1).max(MAX_SOCKETS).nullable().default(null),
}).check((ctx) => {
  const { mux, sockets } = ctx.value
  const i = (sockets ?? []).findIndex((socket) => muxChannelsOf(socket).length > 0)
  if (mux !== null || i < 0) return
  ctx.issues.push({
    code: 'custom',
    input: sockets,
    path: ['sockets', i],
    message: `reads channel ${muxChannelsOf(sockets![i]!)[0]} of the switch/measure unit, but instruments.visa.mux is not set — give its resource string`,
  })
})

export const instrumentsSchema = section({
  backend: z.enum(['simulator', 'visa']).default('simulator'),
  timeout_ms: z.number().int().positive().default(5000),
  simulator: section({
    host: z.string().min(1).default('127.0.0.1'),
    port_base: portBaseSchema.default(DEFAULT_PORT_BASE),
    ...portOverrides,
  }),
  visa: visaSchema,
})

/** The DUT board in the chamber (docs/physics.md#sockets). */
export const benchSchema = section({
  sockets: z.number().int().min(1).max(MAX_SOCKETS).default(1),
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

/** Every LDO parameter optional: the keys a lot's spread or corner may name. */
const ldoKeys = Object.keys(ldoParametersSchema.unwrap().shape) as [keyof z.infer<typeof ldoParametersSchema>]
const perParameter = <T extends z.ZodType>(value: T) =>
  z.strictObject(Object.fromEntries(ldoKeys.map((key) => [key, value.optional()])) as Record<string, z.ZodOptional<T>>)

/** `-2%`, `+5%`, `1.5%`: a corner's change of the nominal. */
const percent = z.string().regex(/^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*%\s*$/, 'must be a number or a percentage like -2%')

/**
 * A lot of parts drawn around `dut.parameters` (docs/physics.md#lots); null: one nominal part per socket.
 * `spread` is σ in each parameter's own unit; `corners` are named parts after the sampled ones.
 */
export const lotSchema = z
  .strictObject({
    name: z
      .string()
      .regex(/^[\w.-]+$/, 'must be letters, digits, ".", "_" or "-"')
      .default('LOT'),
    size: z.number().int().min(0).max(100_000),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .default(1),
    spread: perParameter(z.number().min(0)).default({}),
    corners: z.record(z.string().regex(/^\w+$/), perParameter(z.union([z.number(), percent]))).default({}),
  })
  .nullable()
  .default(null)

export const dutSchema = section({
  model: z.enum(['ldo']).default('ldo'),
  parameters: ldoParametersSchema,
  lot: lotSchema,
})

export const simulationSchema = section({
  speed: z
    .custom<SimSpeed>(isSimSpeed, { error: (issue) => speedProblem(issue.input) ?? 'must be a speed' })
    .default(60),
  telemetry_hz: positive().max(1000).default(20),
  max_clients_per_instrument: z.number().int().positive().default(32),
})

/** `postgres://user:password@host:port/database` (also `postgresql://`); null keeps runs in the SQLite file. */
const databaseUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a PostgreSQL URL like postgres://dvt@db-host:5432/dvt')
  .nullable()
  .default(null)

export const dataSchema = section({
  database_url: databaseUrl,
  database_path: z.string().min(1).default('./data/dvt.db'),
  measurements_dir: z.string().min(1).default('./data/measurements'),
  reports_dir: z.string().min(1).default('./data/reports'),
  /** The campaign plans the dashboard offers (`GET /api/plans`; docs/campaigns.md). */
  plans_dir: z.string().min(1).default('./plans'),
  /** Record every run's instrument exchanges to `<measurements_dir>/sessions/run_<id>.ndjson.gz` (docs/sessions.md). */
  record_sessions: z.boolean().default(true),
})

export const loggingSchema = section({
  level: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  file: z.string().min(1).nullable().default(null),
})

/**
 * One bench of the lab the dashboard shows (docs/lab.md#the-fleet-dashboard): its station name (the `station.name`
 * its runs are stored with), the host its `dvt serve` listens on, its port base, and `ports`: any listener's own port
 * (`{control: 6000, telemetry: 6100}`), the others at the base plus their offset.
 */
export const fleetBenchSchema = z.strictObject({
  name: z.string().min(1),
  host: z.string().min(1).default('127.0.0.1'),
  port_base: portBaseSchema.min(1).default(DEFAULT_PORT_BASE),
  ports: z
    .strictObject(
      Object.fromEntries(BENCH_PORTS.map((name) => [name, z.number().int().min(1).max(65535).optional()])) as Record<
        BenchPort,
        z.ZodOptional<z.ZodNumber>
      >,
    )
    .default({}),
})

/** The benches of the Fleet page, each named once; null: the local bench alone (station.name, instruments.simulator). */
const fleetSchema = z
  .array(fleetBenchSchema)
  .min(1)
  .nullable()
  .default(null)
  .check((ctx) => {
    const names = (ctx.value ?? []).map((bench) => bench.name)
    const i = names.findIndex((name, at) => names.indexOf(name) !== at)
    if (i < 0) return
    ctx.issues.push({
      code: 'custom',
      input: ctx.value,
      path: [i, 'name'],
      message: `names the bench "${names[i]}" a second time — each bench of the fleet needs its own name`,
    })
  })

export const dashboardSchema = section({
  enabled: z.boolean().default(true),
  host: z.string().min(1).default('127.0.0.1'),
  port: port(8080),
  token: z.string().min(16, 'must be at least 16 characters').nullable().default(null),
  benches: fleetSchema,
})

export const reportingSchema = section({
  company_name: z.string().min(1).default('DVT Bench'),
  logo_path: z.string().min(1).nullable().default(null),
  include_charts: z.boolean().default(true),
  chromium_path: z.string().min(1).default('/usr/bin/chromium'),
  timeout_s: positive().default(30),
})

export const stationSchema = section({
  /**
   * Stored with every run; a station is one bench and the computer that drives it. null: the name the bench gives
   * (a `dvt serve` names its station in its control port's `*IDN?`), else this host's name — see station.ts.
   */
  name: z
    .string()
    .min(1)
    .regex(/^[^,;"\r\n]+$/, 'must not hold a comma, semicolon, quote or line break (it is sent in *IDN? answers)')
    .nullable()
    .default(null),
})

/** The whole configuration file. Every key has a default, so an empty file is valid. */
export const configSchema = z.strictObject({
  bench: benchSchema,
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
