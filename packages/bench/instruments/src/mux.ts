import {
  type CommandTable,
  defineCommands,
  formatNR1,
  formatNR3,
  formatString,
  p,
  type ScpiCall,
  ScpiExecutionError,
} from '@dvt/scpi'
import { fetch, initiate, type MuxContext, scan, settingsOf } from './internal/mux-scan'
import {
  checkChannels,
  MUX_DEFAULT_NPLC,
  MUX_NPLC_VALUES,
  MUX_RANGES,
  nplcFor,
  nplcForResolution,
  rangeFor,
  resolutionOf,
} from './internal/mux-settings'

export type { MuxContext } from './internal/mux-scan'

/** `*RST`: every relay open, no scan list, every channel autorange and 1 NPLC; stored readings discarded. */
export function resetMux(ctx: MuxContext): void {
  ctx.settings.clear()
  ctx.closed.clear()
  ctx.scanList = []
  ctx.acquisition = undefined
}

type Level = number | 'AUTO' | 'MIN' | 'MAX' | 'DEF'

function formatReadings(readings: readonly number[]): string {
  return readings.map(formatNR3).join(',')
}

function formatList(channels: readonly number[]): string {
  return `(@${channels.join(',')})`
}

/** The channels a setting addresses: its channel list, else every channel of the board. */
function addressed(ctx: MuxContext, list: readonly number[] | undefined): number[] {
  if (list !== undefined) return checkChannels(ctx.model, list)
  const count = ctx.model.sockets.length
  return [100, 200].flatMap((bank) => Array.from({ length: count }, (_, k) => bank + k + 1))
}

/**
 * `CONFigure:VOLTage:DC [range[,resolution],](@list)`: the channel list comes last, range and resolution are
 * optional before it. Every listed channel gets the settings, and the list becomes the scan list. On an error
 * nothing changes.
 */
function configure(ctx: MuxContext, args: readonly (Level | number[] | undefined)[]): void {
  const given = args.filter((a) => a !== undefined)
  const list = given.at(-1)
  if (!Array.isArray(list) || given.slice(0, -1).some(Array.isArray)) {
    throw new ScpiExecutionError(-109, 'CONFigure and MEASure? end with the channel list, e.g. (@101:108)')
  }
  const channels = checkChannels(ctx.model, list)
  const [range, resolution] = given.slice(0, -1) as Level[]
  const auto = range === undefined || range === 'AUTO' || range === 'DEF'
  const fixed = range === 'MIN' ? MUX_RANGES[0] : range === 'MAX' ? MUX_RANGES.at(-1) : range
  const chosen = auto ? 10 : rangeFor(fixed as number)
  let nplc = MUX_DEFAULT_NPLC
  if (resolution === 'MIN') nplc = MUX_NPLC_VALUES.at(-1) as number
  else if (resolution === 'MAX') nplc = MUX_NPLC_VALUES[0] as number
  else if (typeof resolution === 'number') nplc = nplcForResolution(chosen, resolution)
  for (const channel of channels) Object.assign(settingsOf(ctx, channel), { range: chosen, auto, nplc })
  ctx.scanList = channels
}

/** `READ?`: a scan now; its readings, comma-separated in scan-list order. */
function read(ctx: MuxContext): string | Promise<string> {
  const readings = scan(ctx)
  return Array.isArray(readings) ? formatReadings(readings) : readings.then(formatReadings)
}

const list = () => p.channelList({ min: 1 })
const optionalList = () => p.channelList({ min: 1, optional: true })
const level = (optional: boolean) =>
  p.oneOf([p.channelList({ min: 1 }), p.numeric({ units: 'V', words: ['AUTO', 'MINimum', 'MAXimum', 'DEFault'] })], {
    optional,
  })
const configureParams = [level(false), level(true), optionalList()] as const

/**
 * Keysight DAQ970A style switch/measure unit with a multiplexer per bank and its internal DMM on DC volts
 * (docs/scpi.md#switchmeasure-unit): channel 1nn reads socket nn's V_out, 2nn its input-current sense amplifier.
 */
export const muxCommands: CommandTable<MuxContext> = defineCommands({
  'ROUTe:CLOSe': {
    params: [list()],
    run: (ctx: MuxContext, channels: number[]) => {
      const all = new Set([...ctx.closed, ...checkChannels(ctx.model, channels)])
      if (all.size > 1) {
        throw new ScpiExecutionError(-221, 'one channel at a time connects to the DMM; ROUTe:OPEN the other first')
      }
      ctx.closed = all
    },
  },
  'ROUTe:CLOSe?': {
    params: [list()],
    run: (ctx: MuxContext, channels: number[]) =>
      checkChannels(ctx.model, channels)
        .map((c) => (ctx.closed.has(c) ? '1' : '0'))
        .join(','),
  },
  'ROUTe:OPEN': {
    params: [list()],
    run: (ctx: MuxContext, channels: number[]) => {
      for (const c of checkChannels(ctx.model, channels)) ctx.closed.delete(c)
    },
  },
  'ROUTe:OPEN?': {
    params: [list()],
    run: (ctx: MuxContext, channels: number[]) =>
      checkChannels(ctx.model, channels)
        .map((c) => (ctx.closed.has(c) ? '0' : '1'))
        .join(','),
  },
  'ROUTe:OPEN:ALL': { run: (ctx: MuxContext) => ctx.closed.clear() },
  'ROUTe:SCAN': {
    params: [list()],
    run: (ctx: MuxContext, channels: number[]) => {
      ctx.scanList = checkChannels(ctx.model, channels)
    },
  },
  'ROUTe:SCAN?': { run: (ctx: MuxContext) => formatList(ctx.scanList) },
  'ROUTe:SCAN:SIZE?': { run: (ctx: MuxContext) => formatNR1(ctx.scanList.length) },
  'CONFigure[:VOLTage][:DC]': {
    params: configureParams,
    run: (ctx: MuxContext, a: Level | number[] | undefined, b: Level | number[] | undefined, c: number[] | undefined) =>
      configure(ctx, [a, b, c]),
  },
  'CONFigure?': {
    params: [optionalList()],
    run: (ctx: MuxContext, channels: number[] | undefined) =>
      (channels === undefined ? ctx.scanList : checkChannels(ctx.model, channels))
        .map((c) => {
          const s = settingsOf(ctx, c)
          return formatString(`VOLT ${formatNR3(s.range)},${formatNR3(resolutionOf(s.range, s.nplc))}`)
        })
        .join(','),
  },
  'MEASure[:VOLTage][:DC]?': {
    params: configureParams,
    run: (
      ctx: MuxContext,
      a: Level | number[] | undefined,
      b: Level | number[] | undefined,
      c: number[] | undefined,
    ) => {
      configure(ctx, [a, b, c])
      return read(ctx)
    },
  },
  '[SENSe:]VOLTage[:DC]:NPLCycles': {
    params: [
      p.numeric({ min: MUX_NPLC_VALUES[0], max: MUX_NPLC_VALUES.at(-1), default: MUX_DEFAULT_NPLC }),
      optionalList(),
    ],
    run: (ctx: MuxContext, n: number, channels: number[] | undefined) => {
      const nplc = nplcFor(n)
      for (const c of addressed(ctx, channels)) settingsOf(ctx, c).nplc = nplc
    },
  },
  '[SENSe:]VOLTage[:DC]:NPLCycles?': {
    params: [optionalList()],
    run: (ctx: MuxContext, channels: number[] | undefined) =>
      (channels === undefined ? ctx.scanList : checkChannels(ctx.model, channels))
        .map((c) => formatNR3(settingsOf(ctx, c).nplc))
        .join(','),
  },
  '[SENSe:]VOLTage[:DC]:RANGe': {
    params: [p.numeric({ units: 'V', words: ['MINimum', 'MAXimum', 'DEFault'] }), optionalList()],
    run: (ctx: MuxContext, value: number | 'MIN' | 'MAX' | 'DEF', channels: number[] | undefined) => {
      const range = value === 'MIN' ? MUX_RANGES[0] : value === 'MAX' || value === 'DEF' ? 10 : rangeFor(value)
      for (const c of addressed(ctx, channels)) Object.assign(settingsOf(ctx, c), { range, auto: false })
    },
  },
  '[SENSe:]VOLTage[:DC]:RANGe?': {
    params: [optionalList()],
    run: (ctx: MuxContext, channels: number[] | undefined) =>
      (channels === undefined ? ctx.scanList : checkChannels(ctx.model, channels))
        .map((c) => formatNR3(settingsOf(ctx, c).range))
        .join(','),
  },
  '[SENSe:]VOLTage[:DC]:RANGe:AUTO': {
    params: [p.boolean(), optionalList()],
    run: (ctx: MuxContext, on: boolean, channels: number[] | undefined) => {
      for (const c of addressed(ctx, channels)) settingsOf(ctx, c).auto = on
    },
  },
  '[SENSe:]VOLTage[:DC]:RANGe:AUTO?': {
    params: [optionalList()],
    run: (ctx: MuxContext, channels: number[] | undefined) =>
      (channels === undefined ? ctx.scanList : checkChannels(ctx.model, channels))
        .map((c) => (settingsOf(ctx, c).auto ? '1' : '0'))
        .join(','),
  },
  'READ?': { run: (ctx: MuxContext) => read(ctx) },
  'INITiate[:IMMediate]': {
    run: (ctx: MuxContext, call: ScpiCall) => {
      call.pending(initiate(ctx))
    },
  },
  'FETCh?': { run: async (ctx: MuxContext) => formatReadings(await fetch(ctx)) },
})
