import { describe, expect, it } from 'vitest'
import { formatDivergence } from './divergence'
import { createReplayEngine, type ReplayMode } from './replay-engine'
import { NO_ERROR, type RecordedLine, recordedSession } from './testing/recorded-session'

const OK = NO_ERROR
type Line = RecordedLine
const DMM = 'Keysight Technologies,34461A-SIM,0,1.0.0'
const session = (lines: readonly Line[], backend: 'simulator' | 'visa' = 'simulator') =>
  recordedSession(lines, { backend, identities: { dmm: DMM } })

const tempcoLike: Line[] = [
  ['control', 'SIM:TIME?;:SYST:ERR?', `+1.00000000E+02;${OK}`],
  ['dmm', 'VOLT:DC:NPLC 10;:SYST:ERR?', OK],
  ['control', 'SIM:WAIT 1;*OPC?;:SYST:ERR?', `1;${OK}`],
  ['control', 'SIM:WAIT 29;*OPC?;:SYST:ERR?', `1;${OK}`],
  ['chamber', 'TEMP?;:SYST:ERR?', `25.01;${OK}`],
  ['dmm', 'READ?;:SYST:ERR?', `+3.29500000E+00;${OK}`],
  ['chamber', 'TEMP?;:SYST:ERR?', `25.02;${OK}`],
  ['dmm', 'READ?;:SYST:ERR?', `+3.29600000E+00;${OK}`],
]

const engine = (mode: ReplayMode = 'strict', lines = tempcoLike, backend?: 'simulator' | 'visa') =>
  createReplayEngine(session(lines, backend), mode)

describe('strict replay', () => {
  it('answers each instrument its recorded responses in order, byte for byte', () => {
    const e = engine()
    expect(e.handle('control', 'SIM:TIME?;:SYST:ERR?')).toEqual({ answer: `+1.00000000E+02;${OK}` })
    expect(e.handle('dmm', 'VOLT:DC:NPLC 10;:SYST:ERR?')).toEqual({ answer: OK })
    expect(e.handle('control', 'SIM:WAIT 30;*OPC?;:SYST:ERR?')).toEqual({ answer: `1;${OK}` })
    // The instruments' streams are independent: the order between them may differ.
    expect(e.handle('dmm', 'READ?;:SYST:ERR?').answer).toBe(`+3.29500000E+00;${OK}`)
    expect(e.handle('chamber', 'TEMP?;:SYST:ERR?').answer).toBe(`25.01;${OK}`)
    expect(e.handle('chamber', 'TEMP?;:SYST:ERR?').answer).toBe(`25.02;${OK}`)
    expect(e.handle('dmm', 'READ?;:SYST:ERR?').answer).toBe(`+3.29600000E+00;${OK}`)
    expect(e.unserved()).toBeNull()
    expect(e.progress()).toEqual({ served: 6, total: 6, approximated: 0 })
  })

  it('takes the test clock by the total it waited, however the clock cut it into SIM:WAITs', () => {
    const e = engine()
    e.handle('control', 'SIM:TIME?;:SYST:ERR?')
    e.handle('dmm', 'VOLT:DC:NPLC 10;:SYST:ERR?')
    for (let i = 0; i < 3; i++) e.handle('control', 'SIM:WAIT 10;*OPC?;:SYST:ERR?')
    expect(e.handle('chamber', 'TEMP?;:SYST:ERR?').answer).toBe(`25.01;${OK}`)
    expect(e.divergence).toBeNull()
  })

  it('stops when the test waited a different simulated time before an exchange', () => {
    const e = engine()
    e.handle('control', 'SIM:TIME?;:SYST:ERR?')
    e.handle('dmm', 'VOLT:DC:NPLC 10;:SYST:ERR?')
    e.handle('control', 'SIM:WAIT 20;*OPC?;:SYST:ERR?')
    expect(e.handle('chamber', 'TEMP?;:SYST:ERR?')).toEqual({ answer: null, action: 'stop' })
    expect(e.divergence).toMatchObject({
      reason: 'wait',
      role: 'chamber',
      index: 1,
      of: 2,
      waited: { expected: 30, got: 20 },
    })
    expect(formatDivergence(e.divergence!)).toContain(
      'the test waited 20 s of simulated time before it, the recording 30 s',
    )
  })

  it('stops at the first differing command with the expected and the received line, and serves nothing after', () => {
    const e = engine()
    e.handle('control', 'SIM:TIME?;:SYST:ERR?')
    expect(e.handle('dmm', 'VOLT:DC:NPLC 1;:SYST:ERR?')).toEqual({ answer: null, action: 'stop' })
    expect(e.divergence).toEqual({
      role: 'dmm',
      label: 'multimeter',
      reason: 'command',
      index: 1,
      of: 3,
      seq: 1,
      expected: 'VOLT:DC:NPLC 10;:SYST:ERR?',
      got: 'VOLT:DC:NPLC 1;:SYST:ERR?',
    })
    expect(formatDivergence(e.divergence!).split('\n')).toEqual([
      'replay stopped at exchange 1 of 3 of the multimeter (dmm), #1 of the session: the test sent a different command',
      '  expected: VOLT:DC:NPLC 10;:SYST:ERR?',
      '  got:      VOLT:DC:NPLC 1;:SYST:ERR?',
      '                          ^ first difference, column 15',
    ])
    expect(e.handle('chamber', 'TEMP?;:SYST:ERR?')).toEqual({ answer: null, action: 'stop' })
  })

  it('stops past the end of an instrument’s recording, and reports a recording the test did not finish', () => {
    const e = engine('strict', [
      ['chamber', 'TEMP?;:SYST:ERR?', `25.01;${OK}`],
      ['chamber', 'TEMP?;:SYST:ERR?', `25.02;${OK}`],
    ])
    e.handle('chamber', 'TEMP?;:SYST:ERR?')
    expect(e.unserved()).toMatchObject({ reason: 'unused', index: 2, expected: 'TEMP?;:SYST:ERR?', got: null })
    e.handle('chamber', 'TEMP?;:SYST:ERR?')
    expect(e.unserved()).toBeNull()
    e.handle('chamber', 'TEMP?;:SYST:ERR?')
    expect(e.divergence).toMatchObject({ reason: 'end', index: 3, of: 2, expected: null })
  })

  it('answers a probe, the error check and the speed whenever they come, without taking them from the recording', () => {
    const e = engine()
    expect(e.handle('dmm', '*IDN?;:SYST:ERR?').answer).toBe(`Keysight Technologies,34461A-SIM,0,1.0.0;${OK}`)
    expect(e.handle('dmm', '*IDN?').answer).toBe('Keysight Technologies,34461A-SIM,0,1.0.0')
    expect(e.handle('chamber', '*IDN?;:SYST:ERR?').answer).toBe(`DVT Bench,REPLAY-CHAMBER,0,0.1.0;${OK}`)
    expect(e.handle('control', 'SIM:SPE?;:SYST:ERR?').answer).toBe(`MAX;${OK}`)
    expect(e.handle('control', 'SIM:SPE 60;:SYST:ERR?').answer).toBe(OK)
    expect(e.handle('control', 'SIM:SPE?').answer).toBe('60')
    expect(e.handle('dmm', 'SYST:ERR?').answer).toBe(OK)
    expect(e.divergence).toBeNull()
    expect(e.progress().served).toBe(0)
  })

  it('serves a recorded probe when it is the next exchange', () => {
    const e = engine('strict', [
      ['dmm', '*IDN?;:SYST:ERR?', `Recorded,DMM,1,2;${OK}`],
      ['dmm', '*CLS;:SYST:ERR?', OK],
    ])
    expect(e.handle('dmm', '*IDN?;:SYST:ERR?').answer).toBe(`Recorded,DMM,1,2;${OK}`)
    expect(e.handle('dmm', '*IDN?;:SYST:ERR?').answer).toBe(`Keysight Technologies,34461A-SIM,0,1.0.0;${OK}`)
    expect(e.handle('dmm', '*CLS;:SYST:ERR?').answer).toBe(OK)
  })

  it('replays recorded failures: a timeout answers nothing, a drop drops; a failed call never sent is passed over', () => {
    const e = engine('strict', [
      ['dmm', 'READ?;:SYST:ERR?', null, 'TRANSPORT_TIMEOUT'],
      ['load', 'MEAS:CURR?;:SYST:ERR?', null, 'TRANSPORT_CLOSED'],
      ['load', 'MEAS:VOLT?;:SYST:ERR?', null, 'TRANSPORT_CLOSED'],
      ['load', 'INP OFF;:SYST:ERR?', OK],
    ])
    expect(e.handle('dmm', 'READ?;:SYST:ERR?')).toEqual({ answer: null })
    expect(e.handle('load', 'MEAS:CURR?;:SYST:ERR?')).toEqual({ answer: null, action: 'drop' })
    expect(e.handle('load', 'INP OFF;:SYST:ERR?')).toEqual({ answer: OK })
    expect(e.unserved()).toBeNull()
  })
})

describe('lenient replay', () => {
  it('answers a differing command from the nearest exchange of the same shape and goes on from there', () => {
    const e = engine('lenient')
    e.handle('control', 'SIM:TIME?;:SYST:ERR?')
    expect(e.handle('dmm', 'VOLT:DC:NPLC 1;:SYST:ERR?')).toEqual({ answer: OK })
    e.handle('control', 'SIM:WAIT 5;*OPC?;:SYST:ERR?')
    expect(e.handle('chamber', 'TEMP?;:SYST:ERR?').answer).toBe(`25.01;${OK}`)
    expect(e.handle('dmm', 'READ?;:SYST:ERR?').answer).toBe(`+3.29500000E+00;${OK}`)
    expect(e.divergence).toBeNull()
    expect(e.progress().approximated).toBe(1)
  })

  it('answers a line asked again from the nearest earlier exchange', () => {
    const e = engine('lenient')
    for (const _ of [1, 2]) e.handle('control', 'SIM:TIME?;:SYST:ERR?')
    for (const _ of [1, 2, 3]) e.handle('dmm', 'READ?;:SYST:ERR?')
    expect(e.handle('dmm', 'READ?;:SYST:ERR?').answer).toBe(`+3.29600000E+00;${OK}`)
  })

  it('answers a command it has nothing like with an undefined-header error, as an instrument would', () => {
    const e = engine('lenient')
    expect(e.handle('dmm', 'CONF:RES;:SYST:ERR?')).toEqual({ answer: '-113,"Undefined header;not in the recording"' })
    expect(e.handle('dmm', 'FETC?')).toEqual({ answer: null })
  })
})

describe('a session recorded on real hardware (no simulated clock)', () => {
  const visa: Line[] = [
    ['chamber', 'TEMP?;TECR?;:SYST:ERR?', `40.00;2;${OK}`],
    ['chamber', 'TEMP?;TECR?;:SYST:ERR?', `84.99;1;${OK}`],
  ]

  it('keeps a clock of its own on the control port: SIM:TIME? is the waits so far, with no wait check', () => {
    const e = engine('strict', visa, 'visa')
    expect(e.roles).toContain('control')
    expect(e.handle('control', '*IDN?;:SYST:ERR?').answer).toBe(`DVT Bench,REPLAY-CONTROL,0,0.1.0;${OK}`)
    expect(e.handle('control', 'SIM:TIME?;:SYST:ERR?').answer).toBe(`0;${OK}`)
    e.handle('control', 'SIM:WAIT 30;*OPC?;:SYST:ERR?')
    e.handle('control', 'SIM:WAIT 12.5;*OPC?;:SYST:ERR?')
    expect(e.handle('chamber', 'TEMP?;TECR?;:SYST:ERR?').answer).toBe(`40.00;2;${OK}`)
    expect(e.handle('control', 'SIM:TIME?;:SYST:ERR?').answer).toBe(`42.5;${OK}`)
    expect(e.divergence).toBeNull()
  })

  it('refuses an extra SIM:TIME? of a simulator recording in strict mode: the test clock is part of the test', () => {
    const e = engine()
    e.handle('control', 'SIM:TIME?;:SYST:ERR?')
    e.handle('control', 'SIM:TIME?;:SYST:ERR?')
    expect(e.divergence).toMatchObject({ role: 'control', reason: 'end' })
  })
})
