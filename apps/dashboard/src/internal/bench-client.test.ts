import { describe, expect, it } from 'vitest'
import { controlCommands } from './bench-client'

describe('controlCommands', () => {
  it('turns a control request into SCPI lines, ramp before setpoint', () => {
    expect(
      controlCommands({
        setpoint_c: 85,
        ramp_c_per_min: 20,
        supply_v: 5,
        supply_on: true,
        load_a: 0.1,
        load_on: false,
        speed: 'max',
        paused: false,
      }),
    ).toEqual([
      { instrument: 'chamber', command: 'RAMP 20' },
      { instrument: 'chamber', command: 'SETP 85' },
      { instrument: 'supply', command: 'VOLT 5,(@1)' },
      { instrument: 'supply', command: 'OUTP ON,(@1)' },
      { instrument: 'load', command: 'CURR 0.1' },
      { instrument: 'load', command: 'INP OFF' },
      { instrument: 'control', command: 'SIM:SPE MAX' },
      { instrument: 'control', command: 'SIM:RESUME' },
    ])
  })

  it('sends only the given fields', () => {
    expect(controlCommands({ speed: 600, paused: true })).toEqual([
      { instrument: 'control', command: 'SIM:SPE 600' },
      { instrument: 'control', command: 'SIM:PAUS' },
    ])
    expect(controlCommands({})).toEqual([])
  })
})
