import type { BenchModel, SupplyChannel } from '@dvt/physics'
import { formatNR3, ScpiExecutionError } from '@dvt/scpi'
import { guard, requireRange } from './guard'

export type SupplyChannelNumber = 1 | 2 | 3
export type LimitWord = 'MIN' | 'MAX' | 'DEF'

export interface ChannelSpec {
  name: 'P6V' | 'P25V' | 'N25V'
  vMin: number
  vMax: number
  iMax: number
  /** Largest over-voltage protection level, V (magnitude); also its `*RST` value. */
  ovpMax: number
  /** `*RST` current limit, A. */
  iReset: number
}

/** E3631A outputs (docs/scpi.md#power-supply): 1 = P6V feeds the DUT, 2 = P25V, 3 = N25V (set as a negative voltage). */
export const SUPPLY_CHANNELS: Readonly<Record<SupplyChannelNumber, ChannelSpec>> = {
  1: { name: 'P6V', vMin: 0, vMax: 6.18, iMax: 5.15, ovpMax: 6.8, iReset: 5 },
  2: { name: 'P25V', vMin: 0, vMax: 25.75, iMax: 1.03, ovpMax: 28.3, iReset: 1 },
  3: { name: 'N25V', vMin: -25.75, vMax: 0, iMax: 1.03, ovpMax: 28.3, iReset: 1 },
}

const CHANNEL_WORDS: Readonly<Record<string, SupplyChannelNumber>> = {
  P6V: 1,
  P25V: 2,
  N25V: 3,
  CH1: 1,
  CH2: 2,
  CH3: 3,
}

/** The supply's own settings; setpoints, limits and outputs live in the model. */
export interface SupplyContext {
  readonly model: BenchModel
  /** `INSTrument:SELect`: the channel that commands without a channel list act on. */
  selected: SupplyChannelNumber
  /** Over-voltage protection level per channel (index 0 = channel 1), V magnitude. */
  ovp: [number, number, number]
  tripped: [boolean, boolean, boolean]
}

export function channelWord(word: string): SupplyChannelNumber {
  const n = CHANNEL_WORDS[word.toUpperCase()]
  if (n === undefined) throw new ScpiExecutionError(-224, `no output ${word}; use P6V, P25V or N25V`)
  return n
}

/** The channels a command addresses: its channel list, else the selected channel. */
export function targets(ctx: SupplyContext, list: readonly number[] | undefined): SupplyChannelNumber[] {
  if (list === undefined || list.length === 0) return [ctx.selected]
  return list.map((n) => {
    if (n !== 1 && n !== 2 && n !== 3) throw new ScpiExecutionError(-222, `channel ${n} does not exist; use 1, 2 or 3`)
    return n
  })
}

/** A channel given as `P6V`/`CH1` or as a channel list, else the selected one. */
export function pick(ctx: SupplyContext, target: string | readonly number[] | undefined): SupplyChannelNumber[] {
  if (typeof target === 'string') return [channelWord(target)]
  return targets(ctx, target)
}

export function channelOf(ctx: SupplyContext, n: SupplyChannelNumber): SupplyChannel {
  return ctx.model.supply.channel(n)
}

/** `MIN|MAX|DEF` of a voltage on one output (N25V: MAX is the most negative). */
export function voltsFor(n: SupplyChannelNumber, value: number | LimitWord): number {
  if (typeof value === 'number') return value
  const spec = SUPPLY_CHANNELS[n]
  if (value === 'DEF' || value === 'MIN') return 0
  return spec.vMax > 0 ? spec.vMax : spec.vMin
}

export function ampsFor(n: SupplyChannelNumber, value: number | LimitWord): number {
  if (typeof value === 'number') return value
  const spec = SUPPLY_CHANNELS[n]
  return value === 'MIN' ? 0 : value === 'MAX' ? spec.iMax : spec.iReset
}

/** `*RST`: 0 V, limits 5/1/1 A, outputs off, protection cleared, P6V selected. */
export function resetSupply(ctx: SupplyContext): void {
  for (const n of [1, 2, 3] as const) {
    const channel = channelOf(ctx, n)
    channel.output = false
    channel.voltageSetpoint = 0
    channel.currentLimit = SUPPLY_CHANNELS[n].iReset
    ctx.ovp[n - 1] = SUPPLY_CHANNELS[n].ovpMax
    ctx.tripped[n - 1] = false
  }
  ctx.selected = 1
}

/** Over-voltage protection: an output whose setpoint exceeds the level turns off and latches "tripped". */
function checkProtection(ctx: SupplyContext, n: SupplyChannelNumber): void {
  const channel = channelOf(ctx, n)
  if (channel.output && Math.abs(channel.voltageSetpoint) > (ctx.ovp[n - 1] ?? 0) + 1e-9) {
    channel.output = false
    ctx.tripped[n - 1] = true
  }
}

/** Validates every addressed channel first, so an error changes nothing. */
export function setVoltage(ctx: SupplyContext, value: number | LimitWord, list?: readonly number[]): void {
  const chosen = targets(ctx, list)
  const spec = (n: SupplyChannelNumber) => SUPPLY_CHANNELS[n]
  for (const n of chosen) requireRange(`${spec(n).name} voltage`, voltsFor(n, value), spec(n).vMin, spec(n).vMax)
  for (const n of chosen) {
    guard(() => {
      channelOf(ctx, n).voltageSetpoint = voltsFor(n, value)
    })
    checkProtection(ctx, n)
  }
}

export function setCurrent(ctx: SupplyContext, value: number | LimitWord, list?: readonly number[]): void {
  const chosen = targets(ctx, list)
  for (const n of chosen)
    requireRange(`${SUPPLY_CHANNELS[n].name} current`, ampsFor(n, value), 0, SUPPLY_CHANNELS[n].iMax)
  for (const n of chosen) {
    guard(() => {
      channelOf(ctx, n).currentLimit = ampsFor(n, value)
    })
  }
}

export function setOutput(ctx: SupplyContext, on: boolean, list?: readonly number[]): void {
  // E3631A: OUTPut without a channel list switches every output.
  const chosen = list === undefined || list.length === 0 ? ([1, 2, 3] as const) : targets(ctx, list)
  const blocked = on ? chosen.find((n) => ctx.tripped[n - 1]) : undefined
  if (blocked !== undefined) {
    throw new ScpiExecutionError(-221, `output ${blocked} protection tripped; send OUTP:PROT:CLE (@${blocked})`)
  }
  for (const n of chosen) {
    channelOf(ctx, n).output = on
    checkProtection(ctx, n)
  }
}

export function setProtection(ctx: SupplyContext, level: number | LimitWord, list?: readonly number[]): void {
  const chosen = targets(ctx, list)
  const resolve = (n: SupplyChannelNumber) =>
    typeof level === 'number' ? Math.abs(level) : level === 'MIN' ? 0 : SUPPLY_CHANNELS[n].ovpMax
  for (const n of chosen) requireRange('protection level', resolve(n), 0, SUPPLY_CHANNELS[n].ovpMax)
  for (const n of chosen) {
    ctx.ovp[n - 1] = resolve(n)
    checkProtection(ctx, n)
  }
}

/** `APPLy <output>,<v>[,<i>]`: both values are checked before either is set. */
export function apply(
  ctx: SupplyContext,
  n: SupplyChannelNumber,
  volts: number | LimitWord | undefined,
  amps: number | LimitWord | undefined,
): void {
  const spec = SUPPLY_CHANNELS[n]
  if (volts !== undefined) requireRange(`${spec.name} voltage`, voltsFor(n, volts), spec.vMin, spec.vMax)
  if (amps !== undefined) requireRange(`${spec.name} current`, ampsFor(n, amps), 0, spec.iMax)
  if (volts !== undefined) setVoltage(ctx, volts, [n])
  if (amps !== undefined) setCurrent(ctx, amps, [n])
}

/** Noisy readback of an output's true voltage or current, NR3. */
export function readback(ctx: SupplyContext, quantity: 'VOLT' | 'CURR', n: SupplyChannelNumber): string {
  const channel = channelOf(ctx, n)
  const value = quantity === 'VOLT' ? channel.voltage : channel.current
  return formatNR3(ctx.model.instrumentNoise.supplyReadback(value, quantity))
}

/** `ISUMmary<n>:CONDition?`: 2 = CV, 1 = CC, 0 = off. */
export function regulation(ctx: SupplyContext, n: SupplyChannelNumber): number {
  const mode = channelOf(ctx, n).mode
  return mode === 'CV' ? 2 : mode === 'CC' ? 1 : 0
}
