import type { BenchModel } from '@dvt/physics'
import { type CommandTable, defineCommands, formatNR2, p, ScpiExecutionError } from '@dvt/scpi'
import { guard, requireRange } from './internal/guard'

const KELVIN = 273.15

/** The chamber's own settings; everything physical lives in the model. */
export interface ChamberContext {
  readonly model: BenchModel
  /** `FLOW 1|0`: air on. */
  flow: boolean
  /** `HEAD 1|0`: 1 = head down on the DUT (test position), 0 = raised. */
  head: boolean
  /** Power-on chamber settings, restored by `*RST`. */
  readonly defaults: ChamberDefaults
}

/**
 * The chamber settings `*RST` restores, in the order it restores them: the limits first, because the setpoint
 * is checked against them.
 */
const RESET_SETTINGS = ['lowerLimit', 'upperLimit', 'setpoint', 'rampRate', 'stabilityWindow', 'stabilityTime'] as const

/** Power-on values of the chamber settings `*RST` restores. */
export type ChamberDefaults = Record<(typeof RESET_SETTINGS)[number], number>

/** Captures the model's chamber settings as the `*RST` state. */
export function chamberDefaults(model: BenchModel): ChamberDefaults {
  const c = model.chamber
  return Object.fromEntries(RESET_SETTINGS.map((setting) => [setting, c[setting]])) as ChamberDefaults
}

/** `*RST`: power-on limits, setpoint, ramp, window and soak; air on, head down. */
export function resetChamber(ctx: ChamberContext): void {
  for (const setting of RESET_SETTINGS) ctx.model.chamber[setting] = ctx.defaults[setting]
  ctx.flow = true
  ctx.head = true
  applyAir(ctx)
}

/** The air reaches the DUT only with the flow on and the head down. */
function applyAir(ctx: ChamberContext): void {
  ctx.model.chamber.enabled = ctx.flow && ctx.head
}

function setAirSwitch(ctx: ChamberContext, airSwitch: 'flow' | 'head', on: boolean): void {
  ctx[airSwitch] = on
  applyAir(ctx)
}

function setSetpoint(ctx: ChamberContext, celsius: number): void {
  const c = ctx.model.chamber
  requireRange('setpoint', celsius, c.lowerLimit, c.upperLimit)
  guard(() => {
    c.setpoint = celsius
  })
}

type Setting = 'rampRate' | 'stabilityWindow' | 'stabilityTime' | 'lowerLimit' | 'upperLimit'

function set(ctx: ChamberContext, setting: Setting, value: number): void {
  guard(() => {
    ctx.model.chamber[setting] = value
  })
}

/** Reported air temperature: 0.01 °C resolution with seeded noise. */
function airTemperature(ctx: ChamberContext): number {
  return ctx.model.instrumentNoise.chamberTemperature(ctx.model.chamber.temperature)
}

/** LakeShore 331 number format: sign, three integer digits, three decimals (`+077.350`). */
export function formatLakeShore(value: number): string {
  const fixed = Math.abs(value).toFixed(3)
  const [whole = '0', fraction = '000'] = fixed.split('.')
  return `${value < 0 ? '-' : '+'}${whole.padStart(3, '0')}.${fraction}`
}

const temperature = () => p.numeric({ units: ['CEL', 'C'] })
const positive = () => p.numeric({ min: 0 })
const t2 = (value: number) => formatNR2(value, 2)

/** ThermoStream (native), Watlow F4T, LakeShore 331 and seed dialects over one chamber. */
export const chamberCommands: CommandTable<ChamberContext> = defineCommands({
  'TEMPerature?': { run: (ctx) => t2(airTemperature(ctx)) },
  SETPoint: {
    params: [p.numeric(), p.numeric({ optional: true })],
    run: (ctx, first, kelvin) => {
      if (kelvin === undefined) return setSetpoint(ctx, first)
      // LakeShore 331: SETP <loop>,<K>; only loop 1 drives the chamber.
      if (first !== 1) throw new ScpiExecutionError(-224, `loop ${first} does not exist; use loop 1`)
      setSetpoint(ctx, kelvin - KELVIN)
    },
  },
  'SETPoint?': {
    params: [p.numeric({ optional: true })],
    run: (ctx, loop) => {
      if (loop === undefined) return t2(ctx.model.chamber.setpoint)
      if (loop !== 1) throw new ScpiExecutionError(-224, `loop ${loop} does not exist; use loop 1`)
      return formatLakeShore(ctx.model.chamber.setpoint + KELVIN)
    },
  },
  RAMP: { params: [positive()], run: (ctx, rate) => set(ctx, 'rampRate', rate) },
  'RAMP?': { run: (ctx) => t2(ctx.model.chamber.rampRate) },
  WNDW: {
    params: [positive()],
    run: (ctx, w) => set(ctx, 'stabilityWindow', w),
  },
  'WNDW?': { run: (ctx) => t2(ctx.model.chamber.stabilityWindow) },
  SOAK: {
    params: [p.numeric({ min: 0, units: ['S'] })],
    run: (ctx, s) => set(ctx, 'stabilityTime', s),
  },
  'SOAK?': { run: (ctx) => String(Math.round(ctx.model.chamber.stabilityTime)) },
  'TECR?': { run: (ctx) => (ctx.model.chamber.stable ? '1' : '2') },
  FLOW: { params: [p.boolean()], run: (ctx, on) => setAirSwitch(ctx, 'flow', on) },
  'FLOW?': { run: (ctx) => (ctx.flow ? '1' : '0') },
  HEAD: { params: [p.boolean()], run: (ctx, down) => setAirSwitch(ctx, 'head', down) },
  'HEAD?': { run: (ctx) => (ctx.head ? '1' : '0') },
  LLIM: { params: [temperature()], run: (ctx, t) => set(ctx, 'lowerLimit', t) },
  'LLIM?': { run: (ctx) => t2(ctx.model.chamber.lowerLimit) },
  ULIM: { params: [temperature()], run: (ctx, t) => set(ctx, 'upperLimit', t) },
  'ULIM?': { run: (ctx) => t2(ctx.model.chamber.upperLimit) },
  // Remote / go-local / local-lockout of the ATS front panel: nothing to do on a virtual one.
  '%RM': { run: () => undefined },
  '%GL': { run: () => undefined },
  '%LL': { run: () => undefined },
  // Watlow F4T: loop 1 is the chamber.
  '[SOURce:]CLOop1:PVALue?': { run: (ctx) => t2(airTemperature(ctx)) },
  '[SOURce:]CLOop1:SPOint': { params: [temperature()], run: (ctx, t) => setSetpoint(ctx, t) },
  '[SOURce:]CLOop1:SPOint?': { run: (ctx) => t2(ctx.model.chamber.setpoint) },
  '[SOURce:]CLOop1:RRATe': {
    params: [positive()],
    run: (ctx, rate) => set(ctx, 'rampRate', rate),
  },
  '[SOURce:]CLOop1:RRATe?': { run: (ctx) => t2(ctx.model.chamber.rampRate) },
  // LakeShore 331: sensor A is the chamber air, sensor B the DUT case.
  'KRDG?': { params: [p.word(['A', 'B'], { optional: true })], run: (ctx, s) => lakeShore(ctx, s, KELVIN) },
  'CRDG?': { params: [p.word(['A', 'B'], { optional: true })], run: (ctx, s) => lakeShore(ctx, s, 0) },
  // The seed project's names.
  'TEMPerature:SETPoint': { params: [temperature()], run: (ctx, t) => setSetpoint(ctx, t) },
  'TEMPerature:SETPoint?': { run: (ctx) => t2(ctx.model.chamber.setpoint) },
  'TEMPerature:ACTual?': { run: (ctx) => t2(airTemperature(ctx)) },
  'TEMPerature:STABility?': { run: (ctx) => (ctx.model.chamber.stable ? '1' : '0') },
  'TEMPerature:RAMP': {
    params: [positive()],
    run: (ctx, rate) => set(ctx, 'rampRate', rate),
  },
  'TEMPerature:RAMP?': { run: (ctx) => t2(ctx.model.chamber.rampRate) },
})

function lakeShore(ctx: ChamberContext, sensor: string | undefined, offset: number): string {
  const m = ctx.model
  const celsius = sensor === 'B' ? m.instrumentNoise.chamberTemperature(m.dut.caseTemperature) : airTemperature(ctx)
  return formatLakeShore(celsius + offset)
}
