// A small instrument used by this package's tests: a three-channel supply plus a meter, declared with the
// public API the way real instruments are.

import { expect } from 'vitest'
import { type CommandTable, defineCommands } from '../define-commands'
import { formatNR1, formatString } from '../format'
import { p } from '../params'
import { ScpiExecutionError } from '../scpi-errors'
import { createScpiInstrument, type ScpiInstrument, type ScpiSession } from '../scpi-instrument'

export interface TestContext {
  volts: number[]
  current: number
  output: boolean[]
  measureArgs: unknown[]
  func: string
  trigger: string
  nplc: number
  frequency: number
  resistance: number
  setpoint: number
  label: string
  channel: number
  triggers: number
  resets: number
  /** Resolvers of `SIM:WAIT` operations, in order. */
  waits: (() => void)[]
  /** Resolver of the last `SLOW?` query. */
  release: ((value: string) => void) | undefined
}

const channels = p.channelList({ optional: true, max: 3 })

function firstChannel(list: number[] | undefined): number {
  return (list?.[0] ?? 1) - 1
}

export const testCommands: CommandTable<TestContext> = defineCommands({
  '[SOURce:]VOLTage[:LEVel][:IMMediate][:AMPLitude]': {
    params: [p.numeric({ units: 'V', min: 0, max: 6.18, default: 0 }), channels],
    run: (ctx, volts, list) => {
      for (const ch of list ?? [1]) ctx.volts[ch - 1] = volts
    },
  },
  '[SOURce:]VOLTage[:LEVel][:IMMediate][:AMPLitude]?': {
    params: [channels],
    run: (ctx, list) => ctx.volts[firstChannel(list)],
  },
  '[SOURce:]CURRent[:LEVel][:IMMediate][:AMPLitude]': {
    params: [p.numeric({ units: 'A', min: 0, max: 5.15 })],
    run: (ctx, amps) => {
      ctx.current = amps
    },
  },
  '[SOURce:]CURRent[:LEVel][:IMMediate][:AMPLitude]?': { run: (ctx) => ctx.current },
  'OUTPut<1-3>[:STATe]': {
    params: [p.boolean()],
    run: (ctx, on, call) => {
      ctx.output[call.suffix() - 1] = on
    },
  },
  'OUTPut<1-3>[:STATe]?': { run: (ctx, call) => ctx.output[call.suffix() - 1] },
  'MEASure[:VOLTage][:DC]?': {
    params: [
      p.numeric({ optional: true, units: 'V', words: ['AUTO', 'MINimum', 'MAXimum', 'DEFault'] }),
      p.numeric({ optional: true, units: 'V', words: ['MINimum', 'MAXimum', 'DEFault'] }),
    ],
    run: (ctx, range, resolution) => {
      ctx.measureArgs = [range, resolution]
      return ctx.volts[0]
    },
  },
  'MEASure:CURRent[:DC]?': { run: (ctx) => ctx.current },
  '[SENSe:]FUNCtion[:ON]': {
    params: [p.string()],
    run: (ctx, name) => {
      ctx.func = name
    },
  },
  '[SENSe:]FUNCtion[:ON]?': { run: (ctx) => formatString(ctx.func) },
  'TRIGger:SOURce': {
    params: [p.word(['IMMediate', 'BUS', 'EXTernal'])],
    run: (ctx, source) => {
      ctx.trigger = source
    },
  },
  'TRIGger:SOURce?': { run: (ctx) => ctx.trigger },
  '[SENSe:]VOLTage[:DC]:NPLCycles': {
    params: [p.numeric({ values: [0.02, 0.2, 1, 10, 100], min: 0.02, max: 100, default: 10 })],
    run: (ctx, nplc) => {
      ctx.nplc = nplc
    },
  },
  '[SENSe:]VOLTage[:DC]:NPLCycles?': { run: (ctx) => ctx.nplc },
  'SENSe:FREQuency': {
    params: [p.numeric({ units: 'HZ' })],
    run: (ctx, hz) => {
      ctx.frequency = hz
    },
  },
  'SENSe:RESistance': {
    params: [p.numeric({ units: ['OHM'] })],
    run: (ctx, ohms) => {
      ctx.resistance = ohms
    },
  },
  'SOURce:CLOop1:SPOint': {
    aliases: ['TEMP:SETPoint', 'SETP'],
    params: [p.numeric({ units: ['C', 'CEL'], min: -80, max: 225 })],
    run: (ctx, t) => {
      ctx.setpoint = t
    },
  },
  'SOURce:CLOop1:SPOint?': { aliases: ['TEMP:SETPoint?', 'SETP?'], run: (ctx) => ctx.setpoint },
  APPLy: {
    params: [p.word(['P6V', 'P25V', 'N25V']), p.numeric({ units: 'V' }), p.numeric({ optional: true, units: 'A' })],
    run: (ctx, channel, volts, amps) => {
      ctx.label = `${channel} ${volts} ${amps ?? 'same'}`
    },
  },
  'SYSTem:LABel': {
    params: [p.oneOf([p.string(), p.name()])],
    run: (ctx, label) => {
      ctx.label = label
    },
  },
  'SYSTem:LABel?': { run: (ctx) => formatString(ctx.label) },
  'INSTrument:NSELect': {
    params: [p.integer({ min: 1, max: 3 })],
    run: (ctx, n) => {
      ctx.channel = n
    },
  },
  'INSTrument:NSELect?': { run: (ctx) => formatNR1(ctx.channel) },
  'MEASure:SELect?': {
    params: [p.oneOf([p.word(['P6V', 'P25V', 'N25V']), p.channelList({ max: 3 })], { optional: true })],
    run: (_ctx, which) => (Array.isArray(which) ? `list ${which.join(' ')}` : `word ${which ?? 'none'}`),
  },
  'SIMulation:WAIT': {
    params: [p.numeric({ units: 'S', min: 0 })],
    run: (ctx, _seconds, call) => {
      call.pending(new Promise<void>((resolve) => ctx.waits.push(resolve)))
    },
  },
  'SIMulation:FAIL': {
    run: (_ctx, call) => {
      call.pending(Promise.reject(new ScpiExecutionError(-213, 'simulated')))
    },
  },
  'SLOW?': { run: (ctx) => new Promise<string>((resolve) => (ctx.release = resolve)) },
  CONFlict: {
    run: () => {
      throw new ScpiExecutionError(-221, 'output is on')
    },
  },
  GENeric: {
    run: () => {
      throw new ScpiExecutionError(-100)
    },
  },
  EXECute: {
    params: [p.numeric({ optional: true })],
    run: async (_ctx, code) => {
      throw new ScpiExecutionError(code ?? -200)
    },
  },
  BUG: {
    run: () => {
      throw new Error('boom')
    },
  },
})

export function createTestContext(): TestContext {
  return {
    volts: [0, 0, 0],
    current: 1,
    output: [false, false, false],
    measureArgs: [],
    func: 'VOLT',
    trigger: 'IMM',
    nplc: 10,
    frequency: 0,
    resistance: 0,
    setpoint: 25,
    label: '',
    channel: 1,
    triggers: 0,
    resets: 0,
    waits: [],
    release: undefined,
  }
}

export interface TestBench {
  readonly ctx: TestContext
  readonly instrument: ScpiInstrument
  readonly session: ScpiSession
  readonly unexpected: unknown[]
  /** Runs a line that must answer synchronously. */
  send(line: string): string | null
  /** Drains the error queue through `SYST:ERR?` (oldest first), as a client would. */
  errors(): string[]
}

export function createTestBench(options: { powerOn?: boolean } = {}): TestBench {
  const ctx = createTestContext()
  const unexpected: unknown[] = []
  const instrument = createScpiInstrument({
    identity: { manufacturer: 'DVT', model: 'TEST-1', serial: 'SN42', firmware: '1.0.0' },
    commands: testCommands,
    context: ctx,
    onReset: (c) => {
      c.volts = [0, 0, 0]
      c.output = [false, false, false]
      c.resets++
    },
    onTrigger: (c) => {
      c.triggers++
    },
    onUnexpectedError: (error) => unexpected.push(error),
    powerOn: options.powerOn ?? false,
  })
  const session = instrument.openSession()
  const send = (line: string): string | null => {
    const result = session.handle(line)
    if (typeof result === 'object' && result !== null) throw new Error(`"${line}" answered asynchronously`)
    return result
  }
  const errors = (): string[] => {
    const out: string[] = []
    for (let i = 0; i < 25; i++) {
      const entry = send('SYST:ERR?')!
      if (entry.startsWith('+0,')) break
      out.push(entry)
    }
    return out
  }
  return { ctx, instrument, session, unexpected, send, errors }
}

/** One exchange: the line sent and the answer expected (`null`: it answers nothing). */
export type Exchange = readonly [line: string, answer: string | null]

/** Sends each line as its own message, in order, and expects each (synchronous) answer. */
export function expectTranscript(bench: TestBench, exchanges: readonly Exchange[]): void {
  for (const [line, answer] of exchanges) expect(bench.send(line), line).toBe(answer)
}
