// Conformance: IEEE 488.2 common commands, the SCPI status model and overlapped operations (docs/scpi.md#status-model).
import { describe, expect, it } from 'vitest'
import { createTestBench, expectTranscript } from './testing/test-instrument'

describe('common commands', () => {
  it('*IDN? answers manufacturer,model,serial,firmware', () => {
    expect(createTestBench().send('*IDN?')).toBe('DVT,TEST-1,SN42,1.0.0')
    expect(createTestBench().send('*idn?')).toBe('DVT,TEST-1,SN42,1.0.0')
  })

  it('*RST restores settings through onReset and keeps status and errors', () => {
    const b = createTestBench()
    b.send('VOLT 3;OUTP ON;*ESE 4;MEASU?')
    b.send('*RST')
    expect(b.ctx.resets).toBe(1)
    expect(b.ctx.volts[0]).toBe(0)
    expect(b.ctx.output[0]).toBe(false)
    expect(b.send('*ESE?;SYST:ERR:COUN?')).toBe('+4;+1')
    expect(b.instrument.eventStatus).toBe(32)
    b.instrument.reset()
    expect(b.ctx.resets).toBe(2)
  })

  it('*TST? answers +0, SYSTem:VERSion? 1999.0', () => {
    expect(createTestBench().send('*TST?;SYST:VERS?')).toBe('+0;1999.0')
  })

  it('*TRG calls the instrument trigger', () => {
    const b = createTestBench()
    b.send('*TRG;*TRG')
    expect(b.ctx.triggers).toBe(2)
  })

  it('*ESE and *SRE hold 0..255 and answer NR1; *SRE ignores bit 6', () => {
    const b = createTestBench()
    expect(b.send('*ESE 60;*ESE?;*SRE 255;*SRE?')).toBe('+60;+191')
    expect(b.send('*ESE #HFF;*ESE?')).toBe('+255')
  })
})

describe('event status register', () => {
  it('sets CME, EXE, DDE and QYE by error class; *ESR? reads and clears', () => {
    const b = createTestBench()
    b.send('MEASU?')
    expect(b.send('*ESR?')).toBe('+32')
    expect(b.send('*ESR?')).toBe('+0')
    b.send('VOLT 9')
    b.instrument.pushError(-363)
    b.instrument.pushError(-410)
    expect(b.send('*ESR?')).toBe('+28')
  })

  it('sets PON at power-on unless disabled', () => {
    expect(createTestBench({ powerOn: true }).send('*ESR?')).toBe('+128')
    expect(createTestBench({ powerOn: false }).send('*ESR?')).toBe('+0')
  })

  it('*CLS clears the event register and the error queue', () => {
    expectTranscript(createTestBench(), [
      ['MEASU?;VOLT 9', null],
      ['*CLS', null],
      ['*ESR?;SYST:ERR:COUN?', '+0;+0'],
      ['*STB?', '+0'],
    ])
  })
})

describe('status byte', () => {
  it('EAV (bit 2) follows the error queue', () => {
    const b = createTestBench()
    expectTranscript(b, [
      ['*STB?', '+0'],
      ['MEASU?', null],
      ['*STB?', '+4'],
    ])
    expect(b.instrument.statusByte).toBe(4)
  })

  it('ESB (bit 5) is ESR & ESE; MSS (bit 6) is STB & SRE', () => {
    expectTranscript(createTestBench(), [
      ['*ESE 32;MEASU?', null],
      ['*STB?', '+36'],
      ['*SRE 32', null],
      ['*STB?', '+100'],
      ['*ESR?', '+32'],
      ['*STB?', '+4'],
    ])
  })

  it('MAV (bit 4) is set while the same message already holds an answer', () => {
    const b = createTestBench()
    expect(b.send('*STB?')).toBe('+0')
    expect(b.send('*IDN?;*STB?')).toBe('DVT,TEST-1,SN42,1.0.0;+16')
  })

  it('QUES (bit 3) and OPER (bit 7) summarise the enabled SCPI event registers', () => {
    const b = createTestBench()
    b.instrument.questionable.setCondition(2, true)
    b.instrument.operation.setCondition(16, true)
    expectTranscript(b, [
      ['*STB?', '+0'],
      ['STAT:QUES:ENAB 2;STAT:OPER:ENAB 16', null],
      ['*STB?', '+136'],
      ['STAT:QUES:ENAB?;STAT:OPER:ENAB?', '+2;+16'],
    ])
  })
})

describe('SCPI status registers', () => {
  it('condition follows the instrument; rising edges latch into the event register, read-and-clear', () => {
    const b = createTestBench()
    const q = b.instrument.questionable
    q.setCondition(1, true)
    q.setCondition(1, false)
    q.setCondition(2, true)
    expect(b.send('STAT:QUES:COND?')).toBe('+2')
    expect(b.send('STAT:QUES?')).toBe('+3')
    expect(b.send('STATus:QUEStionable:EVENt?')).toBe('+0')
    expect(b.send('STAT:QUES:COND?')).toBe('+2')
    q.setCondition(2, true)
    expect(b.send('STAT:QUES:EVEN?')).toBe('+0')
  })

  it('operation register works the same way', () => {
    const b = createTestBench()
    b.instrument.operation.setCondition(256, true)
    expect(b.send('STAT:OPER:COND?;STAT:OPER:EVEN?;STAT:OPER?')).toBe('+256;+256;+0')
  })

  it('STATus:PRESet clears the enable registers; *CLS clears the event registers', () => {
    const b = createTestBench()
    b.send('STAT:QUES:ENAB 7;STAT:OPER:ENAB 7')
    b.instrument.questionable.setCondition(1, true)
    b.send('STAT:PRES')
    expect(b.send('STAT:QUES:ENAB?;STAT:OPER:ENAB?')).toBe('+0;+0')
    b.send('*CLS')
    expect(b.send('STAT:QUES?;STAT:QUES:COND?')).toBe('+0;+1')
  })
})

describe('overlapped operations', () => {
  it('*OPC? answers 1 at once when nothing is pending', () => {
    expect(createTestBench().send('*OPC?')).toBe('1')
  })

  it('*OPC? answers only once every pending operation completed (SIM:WAIT 30;*OPC?)', async () => {
    const b = createTestBench()
    const answer = b.session.handle('SIM:WAIT 30;SIM:WAIT 5;*OPC?')
    expect(answer).toBeInstanceOf(Promise)
    let settled = false
    void (answer as Promise<string | null>).then(() => (settled = true))
    expect(b.instrument.pendingCount).toBe(2)
    b.ctx.waits[0]!()
    await Promise.resolve()
    await Promise.resolve()
    expect(settled).toBe(false)
    b.ctx.waits[1]!()
    expect(await answer).toBe('1')
    expect(b.instrument.pendingCount).toBe(0)
  })

  it('another client is not blocked by a pending *OPC?', async () => {
    const b = createTestBench()
    const waiting = b.session.handle('SIM:WAIT 30;*OPC?')
    const other = b.instrument.openSession()
    expect(other.handle('*IDN?')).toBe('DVT,TEST-1,SN42,1.0.0')
    b.ctx.waits[0]!()
    expect(await waiting).toBe('1')
  })

  it('*WAI holds the rest of the message until pending work completes', async () => {
    const b = createTestBench()
    const answer = b.session.handle('SIM:WAIT 1;*WAI;VOLT 2;VOLT?')
    expect(b.ctx.volts[0]).toBe(0)
    b.ctx.waits[0]!()
    expect(await answer).toBe('+2.00000000E+00')
    expect(b.session.handle('*WAI')).toBeNull()
  })

  it('*OPC sets ESR bit 0 when the pending operations complete', async () => {
    const b = createTestBench()
    expect(b.send('*OPC;*ESR?')).toBe('+1')
    b.send('SIM:WAIT 1;*OPC')
    expect(b.send('*ESR?')).toBe('+0')
    b.ctx.waits[0]!()
    await Promise.resolve()
    expect(b.send('*ESR?')).toBe('+1')
  })

  it('*CLS cancels a waiting *OPC', async () => {
    const b = createTestBench()
    b.send('SIM:WAIT 1;*OPC;*CLS')
    b.ctx.waits[0]!()
    await Promise.resolve()
    expect(b.send('*ESR?')).toBe('+0')
  })

  it('a failed pending operation queues its error and still completes', async () => {
    const b = createTestBench()
    expect(await b.session.handle('SIM:FAIL;*OPC?')).toBe('1')
    expect(b.errors()).toEqual(['-213,"Init ignored;simulated"'])
  })

  it('the host can register pending work directly', async () => {
    const b = createTestBench()
    let done!: () => void
    b.instrument.pending(new Promise<void>((r) => (done = r)))
    const answer = b.session.handle('*OPC?')
    done()
    expect(await answer).toBe('1')
  })
})

describe('asynchronous handlers', () => {
  it('a synchronous message answers a plain value; an async handler makes handle return a Promise', async () => {
    const b = createTestBench()
    expect(typeof b.session.handle('VOLT?')).toBe('string')
    const answer = b.session.handle('VOLT 1;SLOW?;VOLT?')
    expect(answer).toBeInstanceOf(Promise)
    b.ctx.release!('+4.20000000E+00')
    expect(await answer).toBe('+4.20000000E+00;+1.00000000E+00')
  })

  it('lines of one session run in order even when an earlier one is still waiting', async () => {
    const b = createTestBench()
    const first = b.session.handle('SLOW?')
    const second = b.session.handle('VOLT 2;VOLT?')
    expect(second).toBeInstanceOf(Promise)
    expect(b.ctx.volts[0]).toBe(0)
    b.ctx.release!('slow')
    expect(await first).toBe('slow')
    expect(await second).toBe('+2.00000000E+00')
    expect(b.session.handle('VOLT?')).toBe('+2.00000000E+00')
  })

  it('an async handler that rejects queues its error and answers nothing', async () => {
    const b = createTestBench()
    expect(await b.session.handle('EXEC -221;*OPC?')).toBe('1')
    expect(b.errors()).toEqual(['-221,"Settings conflict"'])
  })
})

describe('sessions', () => {
  it('share the instrument state and error queue but keep their own header path', () => {
    const b = createTestBench()
    const other = b.instrument.openSession()
    b.send('SENS:VOLT:NPLC 1')
    other.handle('VOLT 4')
    expect(b.send('VOLT?')).toBe('+4.00000000E+00')
    other.handle('MEASU?')
    expect(b.send('SYST:ERR?')).toBe('-113,"Undefined header"')
  })

  it('inputError queues −101 and −363 for the transport', () => {
    const b = createTestBench()
    b.session.inputError(-363)
    b.session.inputError(-101)
    expect(b.errors()).toEqual(['-363,"Input buffer overrun"', '-101,"Invalid character"'])
  })

  it('nextError pops the queue for the host', () => {
    const b = createTestBench()
    b.send('MEASU?')
    expect(b.instrument.nextError()).toEqual({ code: -113, message: 'Undefined header' })
    expect(b.instrument.nextError()).toBeUndefined()
  })
})
