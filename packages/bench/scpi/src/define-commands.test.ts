import { describe, expect, it } from 'vitest'
import { type CommandTable, defineCommands } from './define-commands'
import { p } from './params'
import { ScpiError } from './scpi-errors'
import { createScpiInstrument } from './scpi-instrument'

const identity = { manufacturer: 'DVT', model: 'T', serial: '0', firmware: '1' }

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn()
  } catch (error) {
    return error instanceof ScpiError ? error.code : 'not a ScpiError'
  }
  return undefined
}

describe('defineCommands', () => {
  it.each([
    ['', 'SCPI_INVALID_PATTERN'],
    ['VOLT[:LEV', 'SCPI_INVALID_PATTERN'],
    ['VOLT[:[LEV]]', 'SCPI_INVALID_PATTERN'],
    ['VOLT::LEV', 'SCPI_INVALID_PATTERN'],
    ['volt', 'SCPI_INVALID_PATTERN'],
    ['[SOURce:]', 'SCPI_INVALID_PATTERN'],
    ['VOLTage-LEVel', 'SCPI_INVALID_PATTERN'],
    ['ABCDEFGHIJKLMN', 'SCPI_INVALID_PATTERN'],
    ['OUTPut<3-1>', 'SCPI_INVALID_PATTERN'],
    ['*ID1?', 'SCPI_INVALID_PATTERN'],
  ])('rejects the pattern %j', (pattern, code) => {
    expect(codeOf(() => defineCommands({ [pattern]: { run: () => undefined } }))).toBe(code)
  })

  it('rejects a required parameter after an optional one', () => {
    const define = () =>
      defineCommands({ VOLT: { params: [p.numeric({ optional: true }), p.numeric()], run: () => {} } })
    expect(codeOf(define)).toBe('SCPI_INVALID_PARAMS')
  })

  it('rejects aliases that mix a query and a command', () => {
    expect(codeOf(() => defineCommands({ VOLT: { aliases: ['V?'], run: () => {} } }))).toBe('SCPI_INVALID_PATTERN')
  })

  it('rejects two commands on the same concrete header when the instrument is built', () => {
    const commands = defineCommands({
      '[SOURce:]VOLTage': { params: [p.numeric()], run: () => {} },
      'VOLTage[:LEVel]': { params: [p.numeric()], run: () => {} },
    })
    expect(codeOf(() => createScpiInstrument({ identity, commands, context: {} }))).toBe('SCPI_DUPLICATE_COMMAND')
  })

  it('rejects two spellings of one mnemonic (TEMP and TEMPerature)', () => {
    const commands = defineCommands({ 'TEMP?': { run: () => 1 }, 'TEMPerature:SETPoint?': { run: () => 2 } })
    expect(codeOf(() => createScpiInstrument({ identity, commands, context: {} }))).toBe('SCPI_DUPLICATE_COMMAND')
  })

  it('lets an instrument replace a built-in command and combine several tables', () => {
    const a = defineCommands({ '*TST?': { run: () => '+1' } })
    const b = defineCommands({ 'SYSTem:ERRor:COUNt?': { run: () => 'mine' }, 'EXTra?': { run: () => 'x' } })
    const session = createScpiInstrument({ identity, commands: [a, b], context: {} }).openSession()
    expect(session.handle('*TST?;SYST:ERR:COUN?;EXT?;EXTRA?;SYST:ERR?')).toBe('+1;mine;x;x;+0,"No error"')
  })

  it('gives handlers typed values when the table is inferred', () => {
    interface Ctx {
      volts: number
    }
    const commands: CommandTable<Ctx> = defineCommands({
      VOLT: {
        params: [p.numeric({ units: 'V' }), p.word(['CURRent', 'RESistance'], { optional: true })],
        run: (ctx, volts, mode, call) => {
          ctx.volts = volts
          // @ts-expect-error the word is 'CURR' | 'RES' | undefined
          const wrong: 'CURRENT' = mode
          void wrong
          const right: 'CURR' | 'RES' | undefined = mode
          void right
          void call.suffix()
        },
      },
      'VOLT?': { run: (ctx) => ctx.volts },
      // @ts-expect-error a query without params receives only (ctx, call)
      'CURR?': { run: (_ctx, _call, _extra) => 1 },
    })
    const ctx: Ctx = { volts: 0 }
    const session = createScpiInstrument({ identity, commands, context: ctx }).openSession()
    expect(session.handle('VOLT 2 V,RES;VOLT?')).toBe('+2.00000000E+00')
  })
})
