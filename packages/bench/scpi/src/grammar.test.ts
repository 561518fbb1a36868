// Conformance: one block per grammar rule of docs/scpi.md#grammar (SCPI-1999 / IEEE 488.2).
import { describe, expect, it } from 'vitest'
import { type CommandTable, defineCommands } from './define-commands'
import { formatNR1 } from './format'
import { p, type ScpiParam } from './params'
import { createScpiInstrument } from './scpi-instrument'
import { createTestBench } from './testing/test-instrument'

const identity = { manufacturer: 'DVT', model: 'T', serial: '0', firmware: '1' }

describe('mnemonics', () => {
  it('accepts the short form, the long form and any case', () => {
    const b = createTestBench()
    for (const header of ['MEAS?', 'MEASURE?', 'meas?', 'MeAsUrE?', 'measure:voltage:dc?', 'MEAS:VOLT:DC?']) {
      b.ctx.volts[0] = 1.5
      expect(b.send(header)).toBe('+1.50000000E+00')
    }
    expect(b.errors()).toEqual([])
  })

  it('rejects anything between the short and the long form (MEASU → −113)', () => {
    const b = createTestBench()
    expect(b.send('MEASU?')).toBeNull()
    expect(b.send('MEA?')).toBeNull()
    expect(b.send('MEASUREMENT?')).toBeNull()
    expect(b.errors()).toEqual(['-113,"Undefined header"', '-113,"Undefined header"', '-113,"Undefined header"'])
  })

  it('lets optional nodes be omitted anywhere', () => {
    const b = createTestBench()
    const forms = [
      'VOLT 1',
      'SOUR:VOLT 2',
      'VOLT:LEV 3',
      'SOURCE:VOLTAGE:LEVEL:IMMEDIATE:AMPLITUDE 4',
      'VOLT:IMM:AMPL 5',
    ]
    const seen = forms.map((line) => {
      b.send(line)
      return b.ctx.volts[0]
    })
    expect(seen).toEqual([1, 2, 3, 4, 5])
    expect(b.send('SOUR:VOLT:LEV:IMM:AMPL?')).toBe('+5.00000000E+00')
    expect(b.errors()).toEqual([])
  })

  it('does not accept optional nodes out of order', () => {
    const b = createTestBench()
    b.send('VOLT:AMPL:LEV 1')
    expect(b.errors()).toEqual(['-113,"Undefined header"'])
  })

  it('serves the same header as a command and as a query', () => {
    const b = createTestBench()
    expect(b.send('CURR 2.5')).toBeNull()
    expect(b.send('CURR?')).toBe('+2.50000000E+00')
  })
})

describe('numeric suffixes', () => {
  it('passes the suffix to the handler; an omitted suffix means 1', () => {
    const b = createTestBench()
    b.send('OUTP2 ON')
    b.send('OUTPut3:STATe 1')
    b.send('OUTP ON')
    expect(b.ctx.output).toEqual([true, true, true])
    b.send('OUTP1 OFF')
    expect(b.send('OUTP1?;OUTP?;OUTP2:STAT?')).toBe('0;0;1')
  })

  it('rejects a suffix outside the declared range with −114', () => {
    const b = createTestBench()
    b.send('OUTP4 ON')
    b.send('OUTP0 ON')
    expect(b.errors()).toEqual(['-114,"Header suffix out of range"', '-114,"Header suffix out of range"'])
    expect(b.ctx.output).toEqual([false, false, false])
  })

  it('accepts an explicit 1 on a node without a suffix, but nothing else', () => {
    const b = createTestBench()
    b.send('VOLT1 2')
    expect(b.ctx.volts[0]).toBe(2)
    b.send('VOLT2 3')
    expect(b.errors()).toEqual(['-114,"Header suffix out of range"'])
  })

  it('honours a fixed suffix in the pattern (CLOop1)', () => {
    const b = createTestBench()
    b.send('SOUR:CLO1:SPO 40')
    expect(b.send('SOURce:CLOop:SPOint?')).toBe('+4.00000000E+01')
    b.send('SOUR:CLO2:SPO 50')
    expect(b.errors()).toEqual(['-114,"Header suffix out of range"'])
  })
})

describe('compound messages and the header path', () => {
  it('resolves a unit relative to the previous header path first', () => {
    const b = createTestBench()
    expect(b.send('SOUR:VOLT 2;CURR 0.5')).toBeNull()
    expect(b.ctx.volts[0]).toBe(2)
    expect(b.ctx.current).toBe(0.5)
    expect(b.send('SENS:VOLT:NPLC 1;NPLC?')).toBe('+1.00000000E+00')
    expect(b.errors()).toEqual([])
  })

  it('falls back to the root when the relative header does not exist', () => {
    const b = createTestBench()
    expect(b.send('SOUR:VOLT 2;MEAS:CURR?')).toBe('+1.00000000E+00')
    expect(b.errors()).toEqual([])
  })

  it('keeps the path through relative units and numeric suffixes', () => {
    const b = createTestBench()
    expect(b.send('OUTP2:STAT ON;STAT?')).toBe('1')
    expect(b.send('SENS:VOLT:DC:NPLC 0.2;NPLC?;NPLC 100;NPLC?')).toBe('+2.00000000E-01;+1.00000000E+02')
  })

  it('restarts from the root after a leading colon', () => {
    const b = createTestBench()
    expect(b.send('SENS:VOLT:NPLC 1;:CURR 3;:MEAS:CURR?')).toBe('+3.00000000E+00')
    b.send('SOUR:VOLT 1;:NPLC 1')
    expect(b.errors()).toEqual(['-113,"Undefined header"'])
  })

  it('common commands never change the path', () => {
    const b = createTestBench()
    expect(b.send('SENS:VOLT:NPLC 1;*OPC?;NPLC?;*CLS;NPLC 10;NPLC?')).toBe('1;+1.00000000E+00;+1.00000000E+01')
    expect(b.errors()).toEqual([])
  })

  it('accepts a common command after a colon (:*CLS)', () => {
    const b = createTestBench()
    b.send('MEASU?')
    expect(b.send(':*CLS;:*OPC?')).toBe('1')
    expect(b.send('SYST:ERR:COUN?')).toBe('+0')
  })

  it('the terminator resets the path', () => {
    const b = createTestBench()
    b.send('SENS:VOLT:NPLC 1')
    b.send('NPLC 10')
    expect(b.errors()).toEqual(['-113,"Undefined header"'])
    expect(b.ctx.nplc).toBe(1)
  })

  it('accepts a trailing semicolon and white space around units', () => {
    const b = createTestBench()
    expect(b.send('VOLT 1;')).toBeNull()
    expect(b.send('  VOLT?  ;  CURR?  ; ')).toBe('+1.00000000E+00;+1.00000000E+00')
    expect(b.errors()).toEqual([])
  })

  it('joins the answers of several queries with semicolons, in order', () => {
    const b = createTestBench()
    expect(b.send('*IDN?;VOLT 3;VOLT?;*OPC?')).toBe('DVT,TEST-1,SN42,1.0.0;+3.00000000E+00;1')
  })

  it('answers the good queries of a line whose other query fails', () => {
    const b = createTestBench()
    expect(b.send('VOLT?;MEASU?;*OPC?')).toBe('+0.00000000E+00;1')
    expect(b.errors()).toEqual(['-113,"Undefined header"'])
  })

  it('runs every command of a line even after a failing one', () => {
    const b = createTestBench()
    expect(b.send('VOLT 9;CURR 2;OUTP ON')).toBeNull()
    expect(b.ctx.current).toBe(2)
    expect(b.ctx.output[0]).toBe(true)
    expect(b.errors()).toHaveLength(1)
  })

  it('an empty line is silently ignored', () => {
    const b = createTestBench()
    expect(b.send('')).toBeNull()
    expect(b.send('   ')).toBeNull()
    expect(b.errors()).toEqual([])
  })
})

describe('numeric parameters (NRf)', () => {
  it.each([
    ['5', 5],
    ['+5', 5],
    ['.5', 0.5],
    ['5.', 5],
    ['-1.5E-3', -1.5e-3],
    ['1e0', 1],
    ['2.5e+0', 2.5],
    ['#H3', 3],
    ['#Q5', 5],
    ['#B11', 3],
  ])('%s is %d', (text, value) => {
    const b = createTestBench()
    b.send(`SENS:FREQ ${text}`)
    expect(b.ctx.frequency).toBe(value)
    expect(b.errors()).toEqual([])
  })

  it('resolves MIN, MAX and DEF (short or long form) to the declared bounds', () => {
    const b = createTestBench()
    expect(b.send('VOLT MAX;VOLT?;VOLT MINimum;VOLT?;VOLT maximum;VOLT?;VOLT DEF;VOLT?')).toBe(
      '+6.18000000E+00;+0.00000000E+00;+6.18000000E+00;+0.00000000E+00',
    )
    expect(b.send('VOLT:NPLC MIN;NPLC?;NPLC DEFAULT;NPLC?')).toBe('+2.00000000E-02;+1.00000000E+01')
    expect(b.errors()).toEqual([])
  })

  it('accepts INF, NINF and NAN where the range allows them', () => {
    const b = createTestBench()
    b.send('SENS:FREQ INF')
    expect(b.ctx.frequency).toBe(Number.POSITIVE_INFINITY)
    b.send('SENS:FREQ NINF')
    expect(b.ctx.frequency).toBe(Number.NEGATIVE_INFINITY)
    b.send('SENS:FREQ NAN')
    expect(b.ctx.frequency).toBeNaN()
    b.send('VOLT INF')
    expect(b.errors()).toEqual(['-222,"Data out of range;Infinity above 6.18"'])
  })

  it('passes declared words to the handler as upper-case short forms', () => {
    const b = createTestBench()
    b.send('MEAS? AUTO,DEF')
    expect(b.ctx.measureArgs).toEqual(['AUTO', 'DEF'])
    b.send('MEAS:VOLT? maximum,min')
    expect(b.ctx.measureArgs).toEqual(['MAX', 'MIN'])
    b.send('MEAS:VOLT:DC? 10,3e-6')
    expect(b.ctx.measureArgs).toEqual([10, 3e-6])
    b.send('MEAS?')
    expect(b.ctx.measureArgs).toEqual([undefined, undefined])
  })

  it('rounds integer parameters', () => {
    const b = createTestBench()
    b.send('INST:NSEL 2.4')
    expect(b.send('INST:NSEL?')).toBe('+2')
  })
})

describe('units and engineering suffixes', () => {
  it.each([
    ['500mV', 0.5],
    ['500 mV', 0.5],
    ['5 V', 5],
    ['5v', 5],
    ['2500MV', 2.5], // SCPI: M is milli
    ['1500000uV', 1.5],
    ['0.001kV', 1],
  ])('VOLT %s sets %d V', (text, volts) => {
    const b = createTestBench()
    b.send(`VOLT ${text}`)
    expect(b.ctx.volts[0]).toBeCloseTo(volts, 12)
    expect(b.errors()).toEqual([])
  })

  it.each([
    ['CURR 1.5 MA', 'current', 1.5e-3], // SCPI: MA is milliamps
    ['CURR 20ma', 'current', 0.02],
    ['SENS:FREQ 2 MHZ', 'frequency', 2e6], // … but MHZ is megahertz
    ['SENS:FREQ 3khz', 'frequency', 3e3],
    ['SENS:RES 1.5 MOHM', 'resistance', 1.5e6], // … and MOHM megohms
    ['SENS:RES 10KOHM', 'resistance', 1e4],
    ['SENS:RES 47 OHM', 'resistance', 47],
    ['SETP 40 CEL', 'setpoint', 40], // any of several declared units
    ['SETP 41C', 'setpoint', 41],
  ] as const)('%s sets %s to %d', (line, field, value) => {
    const b = createTestBench()
    b.send(line)
    expect(b.ctx[field]).toBeCloseTo(value, 15)
    expect(b.errors()).toEqual([])
  })

  it('rejects a unit the command does not take (−138) and an unknown suffix (−131)', () => {
    const b = createTestBench()
    b.send('VOLT 1 A')
    b.send('VOLT 1 XYZ')
    b.send('INST:NSEL 2 V')
    expect(b.errors()).toEqual([
      '-138,"Suffix not allowed;A"',
      '-131,"Invalid suffix;XYZ"',
      '-138,"Suffix not allowed;V"',
    ])
    expect(b.ctx.volts[0]).toBe(0)
  })
})

describe('booleans', () => {
  it('accepts ON, OFF, 1 and 0 in any case, and answers 1/0', () => {
    const b = createTestBench()
    expect(b.send('OUTP on;OUTP?;OUTP OFF;OUTP?;OUTP 1;OUTP?;OUTP 0;OUTP?')).toBe('1;0;1;0')
  })

  it('treats any non-zero number as ON (SCPI-99 §7.3)', () => {
    const b = createTestBench()
    b.send('OUTP 2')
    expect(b.ctx.output[0]).toBe(true)
    b.send('OUTP 0.4')
    expect(b.ctx.output[0]).toBe(false)
  })
})

describe('strings, words and channel lists', () => {
  it('reads double- and single-quoted strings with doubled-quote escapes', () => {
    const b = createTestBench()
    b.send('FUNC "VOLT:DC"')
    expect(b.ctx.func).toBe('VOLT:DC')
    b.send("FUNC 'CURR'")
    expect(b.ctx.func).toBe('CURR')
    b.send('FUNC "say ""hi"";ok"')
    expect(b.ctx.func).toBe('say "hi";ok')
    expect(b.send("FUNC 'it''s';FUNC?")).toBe('"it\'s"')
    expect(b.errors()).toEqual([])
  })

  it('accepts discrete words in short or long form and answers the short form', () => {
    const b = createTestBench()
    expect(b.send('TRIG:SOUR BUS;TRIG:SOUR?')).toBe('BUS')
    expect(b.send('TRIG:SOUR external;SOUR?')).toBe('EXT')
    expect(b.send('TRIG:SOUR IMM;SOUR?')).toBe('IMM')
    b.send('TRIG:SOUR IMMED')
    expect(b.errors()).toEqual(['-141,"Invalid character data;IMMED is not one of IMMediate|BUS|EXTernal"'])
  })

  it('expands channel lists (@1), (@1,3), (@1:3), (@3:1)', () => {
    const b = createTestBench()
    b.send('VOLT 1,(@2)')
    expect(b.ctx.volts).toEqual([0, 1, 0])
    b.send('VOLT 2,(@1,3)')
    expect(b.ctx.volts).toEqual([2, 1, 2])
    b.send('VOLT 3,(@1:3)')
    expect(b.ctx.volts).toEqual([3, 3, 3])
    expect(b.send('MEAS:SEL? (@3:1)')).toBe('list 3 2 1')
    expect(b.send('MEAS:SEL? (@ 1 , 2:3 )')).toBe('list 1 2 3')
    expect(b.send('VOLT? (@2)')).toBe('+3.00000000E+00')
    expect(b.errors()).toEqual([])
  })

  it('accepts white space after commas', () => {
    const b = createTestBench()
    b.send('APPL P6V,   5,  0.5')
    expect(b.ctx.label).toBe('P6V 5 0.5')
    b.send('APPL P25V ,\t12')
    expect(b.ctx.label).toBe('P25V 12 same')
    expect(b.errors()).toEqual([])
  })

  it('tries alternative parameter types in order', () => {
    const b = createTestBench()
    expect(b.send('MEAS:SEL? P25V')).toBe('word P25V')
    expect(b.send('MEAS:SEL? (@2)')).toBe('list 2')
    expect(b.send('MEAS:SEL?')).toBe('word none')
    b.send('MEAS:SEL? P7V')
    b.send('MEAS:SEL? "P6V"')
    expect(b.errors()).toEqual([
      '-141,"Invalid character data;P7V is not one of P6V|P25V|N25V"',
      '-104,"Data type error;expected one of P6V|P25V|N25V, got ""P6V"""',
    ])
  })
})

describe('aliases', () => {
  it('serves one handler under several headers', () => {
    const b = createTestBench()
    b.send('SOUR:CLO1:SPO 10')
    expect(b.send('TEMP:SETP?;SETP?;SOURCE:CLOOP1:SPOINT?')).toBe('+1.00000000E+01;+1.00000000E+01;+1.00000000E+01')
    b.send('TEMP:SETPOINT -20')
    expect(b.ctx.setpoint).toBe(-20)
  })
})

describe('dialect headers the instruments need', () => {
  interface Chamber {
    setpointK: number[]
    log: string[]
  }
  const chamber: CommandTable<Chamber> = defineCommands({
    '%RM': { run: (ctx) => void ctx.log.push('RM') },
    'KRDG?': { params: [p.word(['A', 'B'])], run: (_ctx, input) => (input === 'A' ? '+077.350' : '+300.000') },
    SETP: {
      params: [p.numeric(), p.numeric({ optional: true })],
      run: (ctx, a, b) => {
        if (b === undefined) ctx.setpointK[0] = a
        else ctx.setpointK[a - 1] = b
      },
    },
    'SETP?': {
      params: [p.integer({ optional: true, min: 1, max: 2 })],
      run: (ctx, loop) => ctx.setpointK[(loop ?? 1) - 1],
    },
    'SIMulation:DUT:PARameter': {
      params: [p.name(), p.numeric()],
      run: (ctx, name, value) => void ctx.log.push(`${name}=${value}`),
    },
    'STATus:QUEStionable:INSTrument:ISUMmary<n>:CONDition?': { run: (_ctx, call) => formatNR1(call.suffix() * 10) },
  })
  const open = () => {
    const ctx: Chamber = { setpointK: [0, 0], log: [] }
    const instrument = createScpiInstrument({ identity, commands: chamber, context: ctx })
    return { ctx, instrument, session: instrument.openSession() }
  }

  it('accepts %-prefixed Temptronic commands, LakeShore queries with a parameter and two arities', () => {
    const { ctx, session, instrument } = open()
    expect(session.handle('%RM')).toBeNull()
    expect(session.handle('KRDG? A;KRDG? b')).toBe('+077.350;+300.000')
    session.handle('SETP 1, 1e+02')
    session.handle('SETP 250')
    expect(ctx.setpointK).toEqual([250, 0])
    session.handle('SETP 2,77.35')
    expect(session.handle('SETP? 2;SETP?')).toBe('+7.73500000E+01;+2.50000000E+02')
    session.handle('SIM:DUT:PAR tempco_ppm_per_c,25')
    expect(ctx.log).toEqual(['RM', 'TEMPCO_PPM_PER_C=25'])
    expect(instrument.errorCount).toBe(0)
  })

  it('reads any numeric suffix where the pattern declares <n>', () => {
    const { session } = open()
    expect(session.handle('STAT:QUES:INST:ISUM2:COND?;STAT:QUES:INST:ISUM:COND?')).toBe('+20;+10')
    expect(session.handle('STAT:QUES:INST:ISUM3:COND?;COND?')).toBe('+30;+30') // the path keeps ISUM3
  })

  it('queues −300 rather than throwing when a custom parameter type has a bug', () => {
    const broken: ScpiParam<number> = {
      kind: 'broken',
      optional: false,
      parse: () => {
        throw new TypeError('oops')
      },
    }
    const instrument = createScpiInstrument({
      identity,
      commands: defineCommands({ X: { params: [broken], run: () => {} } }),
      context: {},
    })
    expect(instrument.openSession().handle('X 1;*OPC?')).toBe('1')
    expect(instrument.nextError()).toEqual({ code: -300, message: 'Device-specific error;oops' })
  })
})
