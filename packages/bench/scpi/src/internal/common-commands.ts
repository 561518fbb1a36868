import { type CommandTable, defineCommands } from '../define-commands'
import { formatNR1, formatString } from '../format'
import { p } from '../params'
import type { ScpiStatusRegister } from '../status-register'
import type { InstrumentCore } from './instrument-core'

/** What built-in handlers run against: the shared core plus the calling session's output state (for MAV). */
export interface BuiltinContext {
  readonly core: InstrumentCore
  readonly hasOutput: boolean
}

const byte = p.integer({ min: 0, max: 255 })
const register16 = p.integer({ min: 0, max: 65535 })

function formatError(code: number, message: string): string {
  return formatNR1(code) + ',' + formatString(message)
}

function statusCommands(name: 'OPERation' | 'QUEStionable', reg: (ctx: BuiltinContext) => ScpiStatusRegister) {
  return {
    [`STATus:${name}[:EVENt]?`]: { run: (ctx: BuiltinContext) => formatNR1(reg(ctx).readEvent()) },
    [`STATus:${name}:CONDition?`]: { run: (ctx: BuiltinContext) => formatNR1(reg(ctx).condition) },
    [`STATus:${name}:ENABle`]: {
      params: [register16],
      run: (ctx: BuiltinContext, mask: number) => {
        reg(ctx).enable = mask
      },
    },
    [`STATus:${name}:ENABle?`]: { run: (ctx: BuiltinContext) => formatNR1(reg(ctx).enable) },
  }
}

/** IEEE 488.2 common commands and the mandatory SCPI SYSTem/STATus subsystems (docs/scpi.md#common-commands). */
export const commonCommands: CommandTable<BuiltinContext> = defineCommands({
  '*IDN?': {
    run: ({ core: { identity: id } }) => `${id.manufacturer},${id.model},${id.serial},${id.firmware}`,
  },
  '*RST': { run: (ctx) => ctx.core.reset() },
  '*CLS': { run: (ctx) => ctx.core.clearStatus() },
  '*ESR?': {
    run: ({ core }) => {
      const esr = core.esr
      core.esr = 0
      return formatNR1(esr)
    },
  },
  '*ESE': {
    params: [byte],
    run: (ctx, mask) => {
      ctx.core.ese = mask
    },
  },
  '*ESE?': { run: (ctx) => formatNR1(ctx.core.ese) },
  '*SRE': {
    params: [byte],
    run: (ctx, mask) => {
      ctx.core.sre = mask & ~64 // bit 6 (MSS) cannot be enabled, IEEE 488.2 §11.3.2.3
    },
  },
  '*SRE?': { run: (ctx) => formatNR1(ctx.core.sre) },
  '*STB?': { run: (ctx) => formatNR1(ctx.core.statusByte(ctx.hasOutput)) },
  '*OPC': { run: (ctx) => ctx.core.armOpc() },
  '*OPC?': {
    run: (ctx) => {
      const idle = ctx.core.whenIdle()
      return idle === null ? '1' : idle.then(() => '1')
    },
  },
  '*WAI': { run: (ctx) => ctx.core.whenIdle() ?? undefined },
  '*TST?': { run: () => '+0' },
  '*TRG': { run: (ctx) => ctx.core.trigger() },
  'SYSTem:ERRor[:NEXT]?': {
    run: ({ core }) => {
      const entry = core.errors.shift()
      return entry ? formatError(entry.code, entry.message) : formatError(0, 'No error')
    },
  },
  'SYSTem:ERRor:COUNt?': { run: (ctx) => formatNR1(ctx.core.errors.length) },
  'SYSTem:VERSion?': { run: () => '1999.0' },
  'STATus:PRESet': {
    run: ({ core }) => {
      core.operation.enable = 0
      core.questionable.enable = 0
    },
  },
  ...statusCommands('OPERation', (ctx) => ctx.core.operation),
  ...statusCommands('QUEStionable', (ctx) => ctx.core.questionable),
})
