import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  benchPorts,
  DEFAULT_PORTS,
  FAULT_TARGETS,
  faultShortWord,
  faultTargetOf,
  INSTRUMENT_ROLES,
  isSimSpeed,
  MUX_BANKS,
  muxChannel,
  parseSpeed,
  resolveRole,
  SOCKET_KEYS,
  type SocketSnapshot,
  speedProblem,
  TELEMETRY_KEYS,
  type TelemetrySnapshot,
} from './index'

describe('instrument roles', () => {
  it('lists the six ports in order and resolves the sim alias to the control port', () => {
    expect(INSTRUMENT_ROLES).toEqual(['control', 'chamber', 'supply', 'dmm', 'load', 'mux'])
    expect(resolveRole('sim')).toBe('control')
    expect(resolveRole(' DMM ')).toBe('dmm')
    expect(resolveRole('scope')).toBeUndefined()
    expect(resolveRole('constructor')).toBeUndefined()
  })

  it('names fault targets by their SCPI words, both ways', () => {
    expect(FAULT_TARGETS).toEqual(['chamber', 'supply', 'dmm', 'load', 'mux'])
    expect(FAULT_TARGETS.map(faultShortWord)).toEqual(['CHAM', 'SUPP', 'DMM', 'LOAD', 'MUX'])
    for (const target of FAULT_TARGETS) expect(faultTargetOf(faultShortWord(target))).toBe(target)
    expect(faultTargetOf('CTRL')).toBeUndefined()
  })
})

describe('ports', () => {
  it('puts every listener at its offset from the base', () => {
    expect(DEFAULT_PORTS).toEqual({
      control: 5000,
      chamber: 5001,
      supply: 5002,
      dmm: 5003,
      load: 5004,
      mux: 5005,
      telemetry: 5009,
    })
    expect(benchPorts(6000)).toMatchObject({ control: 6000, load: 6004, mux: 6005, telemetry: 6009 })
  })
})

describe('the speed rule', () => {
  it('accepts max and 0.001 … 1e6, nothing else', () => {
    for (const ok of ['max', 0.001, 1, 60, 1e6]) expect(isSimSpeed(ok)).toBe(true)
    for (const bad of ['MAX', 0, -1, 1e-4, 1e7, Number.NaN, Number.POSITIVE_INFINITY, '60', null]) {
      expect(isSimSpeed(bad)).toBe(false)
    }
  })

  it('says why in the words every layer uses', () => {
    expect(speedProblem(60)).toBeNull()
    expect(speedProblem(-1)).toBe('must be a positive number or "max"')
    expect(speedProblem('fast')).toBe('must be a positive number or "max"')
    expect(speedProblem(1e7)).toBe('must be from 0.001 to 1000000 (× real time) or "max"')
  })

  it('reads what a person types', () => {
    expect(parseSpeed('MAX')).toBe('max')
    expect(parseSpeed(' 60 ')).toBe(60)
    expect(parseSpeed('fast')).toBe('fast')
    expect(parseSpeed('')).toBe('')
  })
})

describe('telemetry', () => {
  it('names every key of docs/scpi.md#telemetry, in its order', () => {
    // One array per row of the table in docs/scpi.md#telemetry.
    const documented = [
      ['t_s'],
      ['speed', 'paused'],
      ['setpoint_c', 'ramp_c_per_min', 'ramp_target_c'],
      ['chamber_c', 'chamber_on', 'stable'],
      ['case_c', 'junction_c', 'thermistor_ohm'],
      ['vin_v', 'vout_v', 'iout_a', 'iq_a', 'pdiss_w'],
      ['supply_mode', 'supply_v_set', 'supply_i_limit'],
      ['load_mode', 'load_on', 'load_current_set_a', 'load_resistance_ohm'],
      ['dut_state'],
      ['sockets'],
    ]
    expect(TELEMETRY_KEYS).toEqual(documented.flat())
    expect(Object.isFrozen(TELEMETRY_KEYS)).toBe(true)
  })

  it('has exactly the keys of TelemetrySnapshot (checked by the type checker)', () => {
    expectTypeOf<(typeof TELEMETRY_KEYS)[number]>().toEqualTypeOf<keyof TelemetrySnapshot>()
    expectTypeOf<(typeof SOCKET_KEYS)[number]>().toEqualTypeOf<keyof SocketSnapshot>()
  })

  it("gives each socket the top level's key names", () => {
    for (const key of SOCKET_KEYS) if (key !== 'serial') expect(TELEMETRY_KEYS).toContain(key)
  })
})

describe('the switch/measure unit', () => {
  it('numbers its channels by bank and socket', () => {
    expect(MUX_BANKS).toEqual({ vout: 100, iin: 200 })
    expect(muxChannel('vout', 1)).toBe(101)
    expect(muxChannel('iin', 16)).toBe(216)
  })
})

describe('the simulator control identity', () => {
  it('tells the simulator from anything else on a control port', async () => {
    const { isSimulatorControl } = await import('./index')
    expect(isSimulatorControl('DVT-SIM,CONTROL,0,0.1.0')).toBe(true)
    expect(isSimulatorControl('DVT Bench,REPLAY-CONTROL,0,0.1.0')).toBe(false)
    expect(isSimulatorControl(null)).toBe(false)
  })

  it("reads the bench's station from the serial field, none for 0 or anything but the simulator", async () => {
    const { simulatorStation } = await import('./index')
    expect(simulatorStation('DVT-SIM,CONTROL,bench-2,0.1.0')).toBe('bench-2')
    expect(simulatorStation('DVT-SIM,CONTROL,0,0.1.0')).toBeNull()
    expect(simulatorStation('DVT Bench,REPLAY-CONTROL,bench-2,0.1.0')).toBeNull()
    expect(simulatorStation(null)).toBeNull()
  })
})
