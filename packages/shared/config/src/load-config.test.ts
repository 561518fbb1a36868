import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError } from './config-error'
import { loadConfig } from './load-config'
import { configSchema } from './schema'

const repoDefault = join(import.meta.dirname, '../../../../config/default.yaml')

function writeYaml(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'dvt-config-'))
  const path = join(dir, 'config.yaml')
  writeFileSync(path, text)
  return path
}

function messageOf(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return (error as Error).message
  }
  throw new Error('expected a ConfigError')
}

describe('loadConfig', () => {
  it('config/default.yaml states exactly the built-in defaults', () => {
    expect(loadConfig({ path: repoDefault, env: {} })).toEqual(configSchema.parse({}))
  })

  it('holds every physics and DUT default of docs/physics.md#parameters', () => {
    const c = loadConfig({ path: repoDefault, env: {} })
    expect(c.physics).toMatchObject({ update_rate_hz: 100, seed: 1, noise: true })
    expect(c.physics.thermal).toEqual({
      chamber_time_constant_s: 30,
      case_time_constant_s: 5,
      theta_jc: 15,
      theta_ca: 5,
    })
    expect(c.physics.chamber).toMatchObject({ ramp_rate_c_per_min: 10, stability_window_c: 0.5, stability_time_s: 30 })
    expect(c.dut.parameters).toEqual({
      nominal_output_voltage: 3.3,
      tempco_ppm_per_c: 50,
      quiescent_current_ua: 50,
      quiescent_current_tempco: 0.003,
      dropout_voltage: 0.3,
      line_regulation_pct_per_v: 0.01,
      load_regulation_ohm: 0.05,
      current_limit_a: 0.6,
      nominal_input_voltage: 5,
      uvlo_v: 1.5,
      thermal_shutdown_c: 165,
      thermal_shutdown_hysteresis_c: 15,
    })
    expect(c.simulation).toEqual({ speed: 60, telemetry_hz: 20, max_clients_per_instrument: 32 })
    expect(c.instruments.simulator).toMatchObject({ control_port: 5000, dmm_port: 5003, telemetry_port: 5009 })
  })

  it('returns a deeply frozen object', () => {
    const c = loadConfig({ env: {} })
    expect(Object.isFrozen(c)).toBe(true)
    expect(Object.isFrozen(c.physics.thermal)).toBe(true)
  })

  it('merges a partial file over the defaults', () => {
    const c = loadConfig({
      path: writeYaml('physics:\n  seed: 7\ndut:\n  parameters:\n    tempco_ppm_per_c: 150\n'),
      env: {},
    })
    expect(c.physics.seed).toBe(7)
    expect(c.physics.update_rate_hz).toBe(100)
    expect(c.dut.parameters.tempco_ppm_per_c).toBe(150)
    expect(c.dut.parameters.nominal_output_voltage).toBe(3.3)
  })

  it('accepts an empty file', () => {
    expect(loadConfig({ path: writeYaml(''), env: {} }).station.name).toBe('virtual-bench-1')
  })

  it('applies DVT__SECTION__KEY overrides with nested keys and YAML scalars', () => {
    const c = loadConfig({
      env: {
        DVT__PHYSICS__THERMAL__THETA_JC: '20',
        DVT__PHYSICS__NOISE: 'false',
        DVT__SIMULATION__SPEED: 'max',
        DVT__DASHBOARD__TOKEN: 'a-very-long-secret-token',
        OTHER: 'ignored',
      },
    })
    expect(c.physics.thermal.theta_jc).toBe(20)
    expect(c.physics.noise).toBe(false)
    expect(c.simulation.speed).toBe('max')
    expect(c.dashboard.token).toBe('a-very-long-secret-token')
  })

  it('lets explicit overrides win over file and environment', () => {
    const c = loadConfig({ env: { DVT__SIMULATION__SPEED: '10' }, overrides: { simulation: { speed: 'max' } } })
    expect(c.simulation.speed).toBe('max')
  })
})

describe('loadConfig errors: one sentence naming the key, the value, what is allowed and where', () => {
  it('a non-number from the environment', () => {
    expect(messageOf(() => loadConfig({ env: { DVT__PHYSICS__UPDATE_RATE_HZ: 'banana' } }))).toBe(
      'config: physics.update_rate_hz must be a number, got "banana" (from DVT__PHYSICS__UPDATE_RATE_HZ)',
    )
  })

  it('a non-positive number', () => {
    expect(messageOf(() => loadConfig({ env: { DVT__PHYSICS__UPDATE_RATE_HZ: '-5' } }))).toBe(
      'config: physics.update_rate_hz must be a positive number, got -5 (from DVT__PHYSICS__UPDATE_RATE_HZ)',
    )
  })

  it('a value outside an enum', () => {
    expect(messageOf(() => loadConfig({ env: { DVT__INSTRUMENTS__BACKEND: 'gpib' } }))).toBe(
      'config: instruments.backend must be one of "simulator", "visa", got "gpib" (from DVT__INSTRUMENTS__BACKEND)',
    )
  })

  it('a speed that is neither a positive number nor max', () => {
    expect(messageOf(() => loadConfig({ env: { DVT__SIMULATION__SPEED: 'fast' } }))).toBe(
      'config: simulation.speed must be a positive number or "max", got "fast" (from DVT__SIMULATION__SPEED)',
    )
  })

  it('a fractional port', () => {
    expect(messageOf(() => loadConfig({ env: { DVT__DASHBOARD__PORT: '80.5' } }))).toMatch(
      /^config: dashboard\.port must be a whole number, got 80\.5 \(from DVT__DASHBOARD__PORT\)$/,
    )
  })

  it('a port out of range', () => {
    expect(messageOf(() => loadConfig({ env: { DVT__DASHBOARD__PORT: '70000' } }))).toBe(
      'config: dashboard.port must be a number ≤ 65535, got 70000 (from DVT__DASHBOARD__PORT)',
    )
  })

  it('a boolean that is not one', () => {
    expect(messageOf(() => loadConfig({ env: { DVT__PHYSICS__NOISE: 'maybe' } }))).toBe(
      'config: physics.noise must be true or false, got "maybe" (from DVT__PHYSICS__NOISE)',
    )
  })

  it('a short dashboard token', () => {
    expect(messageOf(() => loadConfig({ env: { DVT__DASHBOARD__TOKEN: 'short' } }))).toBe(
      'config: dashboard.token must be at least 16 characters, got "short" (from DVT__DASHBOARD__TOKEN)',
    )
  })

  it('a bad VISA resource', () => {
    expect(messageOf(() => loadConfig({ env: { DVT__INSTRUMENTS__VISA__DMM: 'GPIB0::22::INSTR' } }))).toBe(
      'config: instruments.visa.dmm must be a VISA resource like TCPIP::192.168.1.10::5025::SOCKET, got "GPIB0::22::INSTR" (from DVT__INSTRUMENTS__VISA__DMM)',
    )
  })

  it('an unknown key in the environment', () => {
    expect(messageOf(() => loadConfig({ env: { DVT__PHYSICS__FOO: '1' } }))).toBe(
      'config: physics.foo is not a known setting (from DVT__PHYSICS__FOO); see config/default.yaml for the keys',
    )
  })

  it('an unknown section in a file names the file', () => {
    const path = writeYaml('fizzics:\n  seed: 1\n')
    expect(messageOf(() => loadConfig({ path, env: {} }))).toBe(
      `config: fizzics is not a known setting (in ${path}); see config/default.yaml for the keys`,
    )
  })

  it('a bad value in a file names the file', () => {
    const path = writeYaml('physics:\n  thermal:\n    theta_ca: -1\n')
    expect(messageOf(() => loadConfig({ path, env: {} }))).toBe(
      `config: physics.thermal.theta_ca must be a positive number, got -1 (in ${path})`,
    )
  })

  it('a section replaced by a scalar', () => {
    expect(messageOf(() => loadConfig({ env: { DVT__PHYSICS: '3' } }))).toBe(
      'config: physics must be a section (a mapping of keys), got 3 (from DVT__PHYSICS)',
    )
  })

  it('a malformed override name', () => {
    expect(messageOf(() => loadConfig({ env: { DVT__PHYSICS____SEED: '3' } }))).toMatch(/is not a valid override name/)
  })

  it('a missing file', () => {
    expect(messageOf(() => loadConfig({ path: '/nonexistent/dvt.yaml', env: {} }))).toBe(
      'config: the file /nonexistent/dvt.yaml does not exist',
    )
  })

  it('invalid YAML names the line', () => {
    const path = writeYaml('physics:\n  seed: [1\n')
    expect(messageOf(() => loadConfig({ path, env: {} }))).toMatch(
      new RegExp(`^config: ${path} is not valid YAML at line \\d+`),
    )
  })

  it('a file holding a single value', () => {
    const path = writeYaml('42\n')
    expect(messageOf(() => loadConfig({ path, env: {} }))).toBe(
      `config: ${path} must hold a mapping of sections, not a single value`,
    )
  })

  it('an override from the command line names its flag', () => {
    expect(
      messageOf(() => loadConfig({ env: {}, overrides: { simulation: { speed: -1 } }, overridesSource: '--speed' })),
    ).toBe('config: simulation.speed must be a positive number or "max", got -1 (from --speed)')
  })
})
