// Conformance: every standard error of docs/scpi.md#error-codes — the input that raises it, its queue entry, its ESR bit,
// and that it never appears in the data stream.
import { describe, expect, it } from 'vitest'
import { SCPI_ERRORS } from './scpi-errors'
import { createTestBench, expectTranscript, type TestBench } from './testing/test-instrument'

const CME = 32
const EXE = 16
const DDE = 8
const QYE = 4

interface Case {
  readonly code: number
  readonly message: string
  readonly bit: number
  /** Each trigger is run on a fresh instrument and must queue exactly `code`. */
  readonly triggers: readonly ((b: TestBench) => unknown)[]
}

const line = (text: string) => (b: TestBench) => b.session.handle(text)

const cases: readonly Case[] = [
  { code: -100, message: 'Command error', bit: CME, triggers: [line('GENeric')] },
  {
    code: -101,
    message: 'Invalid character',
    bit: CME,
    triggers: [line('VOLT\u0001 1'), line('VOLTé 1'), line('VOLT 1,\u0007'), (b) => b.session.inputError(-101)],
  },
  {
    code: -102,
    message: 'Syntax error',
    bit: CME,
    triggers: [
      line('VOLT::LEV 1'),
      line('VOLT?:LEV'),
      line('VOLT 1,'),
      line('VOLT ,1'),
      line('*'),
      line('VOLT 1;;CURR 1'),
      line('MEAS:SEL? (@1'),
    ],
  },
  {
    code: -103,
    message: 'Invalid separator',
    bit: CME,
    triggers: [line('VOLT,1'), line('VOLT 1 2'), line('TRIG:SOUR BUS EXT'), line('FUNC "VOLT" x')],
  },
  {
    code: -104,
    message: 'Data type error',
    bit: CME,
    triggers: [line('VOLT "5"'), line('VOLT (@1)'), line('TRIG:SOUR 1'), line('FUNC 5'), line('VOLT 1,2')],
  },
  {
    code: -108,
    message: 'Parameter not allowed',
    bit: CME,
    triggers: [line('*CLS 1'), line('VOLT 1,(@1),2'), line('*IDN? 1')],
  },
  { code: -109, message: 'Missing parameter', bit: CME, triggers: [line('VOLT'), line('APPL P6V'), line('*ESE')] },
  {
    code: -112,
    message: 'Program mnemonic too long',
    bit: CME,
    triggers: [line('VOLTAGEVOLTAGE 1'), line('SOUR:ABCDEFGHIJKLM?')],
  },
  {
    code: -113,
    message: 'Undefined header',
    bit: CME,
    triggers: [line('MEASU?'), line('FOO'), line('*FOO'), line('MEAS:CURR')],
  },
  { code: -114, message: 'Header suffix out of range', bit: CME, triggers: [line('OUTP4 ON'), line('VOLT2 1')] },
  {
    code: -120,
    message: 'Numeric data error',
    bit: CME,
    triggers: [line('VOLT 1.2.3'), line('VOLT -'), line('VOLT 1e999'), line('VOLT #HXYZ'), line('VOLT 1-2')],
  },
  { code: -131, message: 'Invalid suffix', bit: CME, triggers: [line('VOLT 1 XYZ'), line('VOLT 1KQ')] },
  {
    code: -138,
    message: 'Suffix not allowed',
    bit: CME,
    triggers: [line('VOLT 1 A'), line('OUTP 1 V'), line('*ESE 1V')],
  },
  { code: -141, message: 'Invalid character data', bit: CME, triggers: [line('OUTP MAYBE'), line('TRIG:SOUR NOW')] },
  {
    code: -148,
    message: 'Character data not allowed',
    bit: CME,
    triggers: [line('VOLT ABC'), line('SENS:FREQ MAX'), line('FUNC VOLT')],
  },
  { code: -151, message: 'Invalid string data', bit: CME, triggers: [line('FUNC "VOLT'), line("FUNC 'it''s")] },
  { code: -200, message: 'Execution error', bit: EXE, triggers: [line('EXEC')] },
  { code: -221, message: 'Settings conflict', bit: EXE, triggers: [line('CONF')] },
  {
    code: -222,
    message: 'Data out of range',
    bit: EXE,
    triggers: [line('VOLT 7'), line('VOLT -1'), line('VOLT 1,(@4)'), line('*ESE 256')],
  },
  { code: -224, message: 'Illegal parameter value', bit: EXE, triggers: [line('VOLT:NPLC 5'), line('VOLT:NPLC 0.5')] },
  { code: -363, message: 'Input buffer overrun', bit: DDE, triggers: [(b) => b.session.inputError(-363)] },
  {
    code: -440,
    message: 'Query UNTERMINATED after indefinite response',
    bit: QYE,
    triggers: [(b) => b.instrument.pushError(-440)],
  },
]

describe('standard errors', () => {
  for (const c of cases) {
    describe(`${c.code} ${c.message}`, () => {
      it('has the standard string in SCPI_ERRORS', () => {
        expect(SCPI_ERRORS[c.code]).toBe(c.message)
      })

      c.triggers.forEach((trigger, i) => {
        it(`trigger ${i + 1} queues it, sets its ESR bit and answers nothing`, async () => {
          const b = createTestBench()
          expect((await trigger(b)) ?? null).toBeNull()
          expect(b.instrument.eventStatus).toBe(c.bit)
          const errors = b.errors()
          expect(errors).toHaveLength(1)
          expect(errors[0]).toMatch(new RegExp(`^${c.code},"${c.message}(;([^"]|"")*)?"$`))
        })
      })
    })
  }

  it('-350 Queue overflow: the 21st error replaces the newest entry, the oldest are kept', () => {
    const b = createTestBench()
    for (let i = 0; i < 19; i++) b.send('MEASU?')
    b.send('VOLT 9')
    expect(b.instrument.errorCount).toBe(20)
    b.send('OUTP4 ON')
    b.send('VOLT 1 A')
    expect(b.send('SYST:ERR:COUN?')).toBe('+20')
    const errors = b.errors()
    expect(errors).toHaveLength(20)
    expect(errors.slice(0, 19).every((e) => e === '-113,"Undefined header"')).toBe(true)
    expect(errors[19]).toBe('-350,"Queue overflow"')
    expect(b.instrument.eventStatus & DDE).toBe(DDE)
    expect(SCPI_ERRORS[-350]).toBe('Queue overflow')
  })

  it('SYSTem:ERRor? answers +0,"No error" on an empty queue, in both forms', () => {
    const b = createTestBench()
    expect(b.send('SYST:ERR?;SYSTEM:ERROR:NEXT?;syst:err:next?')).toBe('+0,"No error";+0,"No error";+0,"No error"')
  })

  it('reads the queue oldest first (FIFO) and counts it', () => {
    expectTranscript(createTestBench(), [
      ['MEASU?;VOLT 9;OUTP MAYBE', null],
      ['SYST:ERR:COUN?', '+3'],
      ['SYST:ERR?', '-113,"Undefined header"'],
      ['SYST:ERR?', '-222,"Data out of range;9 above 6.18"'],
      ['SYST:ERR:COUN?', '+1'],
    ])
  })

  it('accepts device-specific errors with details from the instrument', () => {
    const b = createTestBench()
    b.instrument.pushError(-222, 'setpoint 300 above 200')
    b.instrument.pushError(101, 'Thermal shutdown')
    expect(b.instrument.eventStatus).toBe(EXE | DDE)
    expect(b.errors()).toEqual([
      '-222,"Data out of range;setpoint 300 above 200"',
      '+101,"Device-specific error;Thermal shutdown"',
    ])
  })

  it('answers error details in ASCII, as a VISA client decodes them', () => {
    const b = createTestBench()
    b.instrument.pushError(-222, 'allowed: −75 … 200, σ ≥ 0')
    expect(b.errors()).toEqual(['-222,"Data out of range;allowed: -75 ... 200, ? >= 0"'])
  })

  it('an unexpected exception in a handler is queued as -300 and reported to the host, never thrown', () => {
    const b = createTestBench()
    expect(b.send('BUG;*OPC?')).toBe('1')
    expect(b.errors()).toEqual(['-300,"Device-specific error;boom"'])
    expect(b.unexpected).toHaveLength(1)
  })

  it('*RST keeps the error queue; *CLS clears it', () => {
    expectTranscript(createTestBench(), [
      ['MEASU?', null],
      ['*RST', null],
      ['SYST:ERR:COUN?', '+1'],
      ['*CLS', null],
      ['SYST:ERR:COUN?', '+0'],
    ])
  })

  it('nothing an error raises ever reaches the data stream', () => {
    const b = createTestBench()
    const garbage = [
      '?',
      ':',
      '*?',
      '"',
      "'",
      '(',
      ')',
      ',',
      '#',
      '#2',
      'VOLT ?',
      'A:B:C:D:E:F:G:H:I:J:K:L:M:N:O:P:Q',
      '\u0000',
    ]
    for (const g of garbage) expect(b.send(g)).toBeNull()
    expect(b.instrument.errorCount).toBe(garbage.length)
  })
})
