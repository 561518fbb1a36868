import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { BENCH_PORTS, benchPorts, portOffset } from '@dvt/protocol'
import { describe, expect, it } from 'vitest'
import { ConfigError } from './config-error'
import { fleetBenches } from './fleet-benches'
import { type LoadConfigOptions, loadConfig } from './load-config'
import { configSchema } from './schema'
import { simulatorPorts } from './simulator-ports'
import { stationName } from './station'

const repoRoot = join(import.meta.dirname, '../../../..')
const repoDefault = join(repoRoot, 'config/default.yaml')

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

/** Checks a message against the exact sentence, or against a pattern where part of it is not ours (YAML's). */
function expectMessage(message: string, expected: string | RegExp): void {
  if (typeof expected === 'string') expect(message).toBe(expected)
  else expect(message).toMatch(expected)
}

/**
 * The rows of the parameter tables in docs/physics.md#parameters, as [key, default], with the default as the
 * config holds it: `10 000` → 10000, `−75` → -75, `` `ldo` `` → 'ldo', `true` → true.
 */
function documentedDefaults(): [key: string, value: unknown][] {
  const markdown = readFileSync(join(repoRoot, 'docs/physics.md'), 'utf8')
  const rows = markdown.matchAll(/^\| `((?:physics|dut|simulation)\.[\w.]+)`\s*\|([^|]+)\|/gm)
  return [...rows].map(([, key, text]) => {
    const plain = text!.replaceAll('`', '').replaceAll('−', '-').replaceAll(' ', '')
    if (plain === 'true' || plain === 'false') return [key!, plain === 'true']
    if (plain === 'null') return [key!, null]
    return [key!, Number.isNaN(Number(plain)) ? plain : Number(plain)]
  })
}

/** The dotted keys of every setting (leaf value) below `value`: `physics.thermal.theta_jc`, … */
function settingKeys(value: unknown, prefix: string): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([key, child]) => settingKeys(child, `${prefix}.${key}`))
}

function settingAt(config: object, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], config)
}

describe('loadConfig', () => {
  it('config/default.yaml states exactly the built-in defaults', () => {
    expect(loadConfig({ path: repoDefault, env: {} })).toEqual(configSchema.parse({}))
  })

  describe('holds every physics, DUT and simulation default of docs/physics.md#parameters', () => {
    const c = loadConfig({ path: repoDefault, env: {} })
    const documented = documentedDefaults()

    it.each(documented)('%s: %s', (key, value) => {
      expect(settingAt(c, key)).toBe(value)
    })

    it('and documents every one of those settings', () => {
      const settings = ['physics', 'dut', 'simulation'].flatMap((section) =>
        settingKeys(settingAt(c, section), section),
      )
      expect(documented.map(([key]) => key).sort()).toEqual(settings.sort())
    })
  })

  it('holds the documented simulator ports: port_base 5000 and no per-listener override', () => {
    const c = loadConfig({ path: repoDefault, env: {} })
    expect(c.instruments.simulator).toMatchObject({ port_base: 5000, control_port: null, telemetry_port: null })
    expect(simulatorPorts(c.instruments.simulator)).toEqual({
      control: 5000,
      chamber: 5001,
      supply: 5002,
      dmm: 5003,
      load: 5004,
      mux: 5005,
      telemetry: 5009,
    })
  })

  describe('the simulator ports (simulatorPorts)', () => {
    const simulator = (values: Record<string, unknown>) =>
      loadConfig({ env: {}, overrides: { instruments: { simulator: values } } }).instruments.simulator

    it('are the port base plus each offset of BENCH_PORTS', () => {
      expect(simulatorPorts(simulator({ port_base: 6100 }))).toEqual(benchPorts(6100))
      for (const name of BENCH_PORTS) expect(simulatorPorts(simulator({}))[name]).toBe(5000 + portOffset(name))
    })

    it('take a per-listener key as an explicit override of the base', () => {
      const ports = simulatorPorts(simulator({ port_base: 6100, dmm_port: 7003, telemetry_port: 0 }))
      expect(ports).toEqual({ ...benchPorts(6100), dmm: 7003, telemetry: 0 })
    })

    it('are all free ports (0) with port base 0, overrides kept', () => {
      expect(simulatorPorts(simulator({ port_base: 0, control_port: 5000 }))).toEqual({
        control: 5000,
        chamber: 0,
        supply: 0,
        dmm: 0,
        load: 0,
        mux: 0,
        telemetry: 0,
      })
    })

    it('from DVT__INSTRUMENTS__SIMULATOR__PORT_BASE', () => {
      const c = loadConfig({ env: { DVT__INSTRUMENTS__SIMULATOR__PORT_BASE: '7000' } })
      expect(simulatorPorts(c.instruments.simulator).telemetry).toBe(7009)
    })

    it('refuse a base whose telemetry port would not fit, in one sentence', () => {
      expect(messageOf(() => simulator({ port_base: 65_530 }))).toBe(
        'config: instruments.simulator.port_base must be a number ≤ 65526, got 65530 (from the command line)',
      )
    })
  })

  describe('dashboard.benches', () => {
    const benches = (value: unknown) =>
      loadConfig({ env: {}, overrides: { dashboard: { benches: value } } }).dashboard.benches

    it('defaults host and port base of each bench', () => {
      expect(benches([{ name: 'a' }, { name: 'b', host: '10.0.0.2', port_base: 5100 }])).toEqual([
        { name: 'a', host: '127.0.0.1', port_base: 5000, ports: {} },
        { name: 'b', host: '10.0.0.2', port_base: 5100, ports: {} },
      ])
      expect(benches(null)).toBeNull()
    })

    it('are resolved by fleetBenches: the configured ones by their port base, or the local bench alone', () => {
      const lab = loadConfig({
        env: {},
        overrides: {
          dashboard: {
            benches: [
              { name: 'a' },
              { name: 'b', host: 'pc-2', port_base: 5100 },
              { name: 'c', host: 'pc-3', ports: { control: 7000, telemetry: 7100 } },
            ],
          },
        },
      })
      expect(fleetBenches(lab)).toEqual([
        { name: 'a', host: '127.0.0.1', ports: benchPorts(5000) },
        { name: 'b', host: 'pc-2', ports: benchPorts(5100) },
        { name: 'c', host: 'pc-3', ports: { ...benchPorts(5000), control: 7000, telemetry: 7100 } },
      ])
      const local = loadConfig({
        env: {},
        overrides: { station: { name: 'bench-9' }, instruments: { simulator: { port_base: 6000, dmm_port: 7003 } } },
      })
      expect(fleetBenches(local)).toEqual([
        { name: 'bench-9', host: '127.0.0.1', ports: { ...benchPorts(6000), dmm: 7003 } },
      ])
    })

    it('refuses a name given twice, and an empty list, in one sentence', () => {
      expect(messageOf(() => benches([{ name: 'a' }, { name: 'b' }, { name: 'a', port_base: 5100 }]))).toMatch(
        /^config: dashboard\.benches\.2\.name names the bench "a" a second time — each bench of the fleet needs its own name, got "a"/,
      )
      expect(messageOf(() => benches([]))).toMatch(/^config: dashboard\.benches must .*, got \[\]/)
      expect(messageOf(() => benches([{ name: 'a', ports: 5000 }]))).toMatch(
        /^config: dashboard\.benches\.0\.ports must be a section \(a mapping of keys\), got 5000/,
      )
      expect(messageOf(() => benches([{ name: 'a', ports: { dvm: 5003 } }]))).toMatch(
        /^config: dashboard\.benches\.0\.ports\.dvm is not a known setting/,
      )
    })
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

  it('accepts an empty file: no station named (a bench goes by the host name, a run by its bench)', () => {
    const c = loadConfig({ path: writeYaml(''), env: {} })
    expect(c.station.name).toBeNull()
    expect(stationName(c)).toBe(hostname())
    expect(stationName(loadConfig({ path: writeYaml('station: { name: bench-2 }'), env: {} }))).toBe('bench-2')
  })

  it('refuses a station name that cannot travel in an *IDN? answer, in one sentence', () => {
    const message = messageOf(() => loadConfig({ path: writeYaml('station: { name: "bench,2" }'), env: {} }))
    expect(message).toMatch(/station\.name .*must not hold a comma, semicolon, quote or line break/)
    expect(message).not.toContain('\n')
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

  it('reads an environment value starting with [ or { as a YAML flow collection, and says "a list" when one is due', () => {
    const c = loadConfig({
      env: { DVT__DASHBOARD__BENCHES: '[{name: bench-1, host: lab-1}, {name: bench-2, host: lab-2, port_base: 5100}]' },
    })
    expect(c.dashboard.benches?.map((b) => [b.name, b.host])).toEqual([
      ['bench-1', 'lab-1'],
      ['bench-2', 'lab-2'],
    ])
    // Text YAML would read as a mapping but that does not start with a bracket stays text.
    expect(loadConfig({ env: { DVT__STATION__NAME: 'lab: 3' } }).station.name).toBe('lab: 3')
    expect(messageOf(() => loadConfig({ env: { DVT__DASHBOARD__BENCHES: 'bench-1' } }))).toBe(
      'config: dashboard.benches must be a list, got "bench-1" (from DVT__DASHBOARD__BENCHES)',
    )
  })

  it('loads config/real-hardware.example.yaml: a board of four DUTs on a switch/measure unit', () => {
    const c = loadConfig({ path: join(repoRoot, 'config/real-hardware.example.yaml'), env: {} })
    expect(c.instruments.backend).toBe('visa')
    expect(c.instruments.visa.mux).toBe('TCPIP::192.168.1.24::5025::SOCKET')
    expect(c.instruments.visa.sockets).toEqual([
      { vout: 'dmm', load_channel: 1, input_current: 'supply' },
      { vout: 102, load_channel: 2, input_current: { channel: 202, volts_per_amp: 1 } },
      { vout: 103, load_channel: 3, input_current: { channel: 203, volts_per_amp: 1 } },
      { vout: 104, load_channel: 4, input_current: { channel: 204, volts_per_amp: 1 } },
    ])
  })

  it('fills a socket of a real board from the one-DUT wiring where it says nothing', () => {
    const c = loadConfig({ path: writeYaml('instruments:\n  visa:\n    sockets:\n      - {}\n'), env: {} })
    expect(c.instruments.visa.sockets).toEqual([{ vout: 'dmm', load_channel: 1, input_current: 'supply' }])
  })

  it('lets explicit overrides win over file and environment', () => {
    const c = loadConfig({ env: { DVT__SIMULATION__SPEED: '10' }, overrides: { simulation: { speed: 'max' } } })
    expect(c.simulation.speed).toBe('max')
  })
})

/** A load that fails, the options it is given and the sentence it fails with. */
const ERROR_CASES: [what: string, options: LoadConfigOptions, message: string | RegExp][] = [
  [
    'a non-number from the environment',
    { env: { DVT__PHYSICS__UPDATE_RATE_HZ: 'banana' } },
    'config: physics.update_rate_hz must be a number, got "banana" (from DVT__PHYSICS__UPDATE_RATE_HZ)',
  ],
  [
    'a non-positive number',
    { env: { DVT__PHYSICS__UPDATE_RATE_HZ: '-5' } },
    'config: physics.update_rate_hz must be a positive number, got -5 (from DVT__PHYSICS__UPDATE_RATE_HZ)',
  ],
  [
    'a value outside an enum',
    { env: { DVT__INSTRUMENTS__BACKEND: 'gpib' } },
    'config: instruments.backend must be one of "simulator", "visa", got "gpib" (from DVT__INSTRUMENTS__BACKEND)',
  ],
  [
    'a speed that is neither a positive number nor max',
    { env: { DVT__SIMULATION__SPEED: 'fast' } },
    'config: simulation.speed must be a positive number or "max", got "fast" (from DVT__SIMULATION__SPEED)',
  ],
  [
    'a fractional port',
    { env: { DVT__DASHBOARD__PORT: '80.5' } },
    'config: dashboard.port must be a whole number, got 80.5 (from DVT__DASHBOARD__PORT)',
  ],
  [
    'a port out of range',
    { env: { DVT__DASHBOARD__PORT: '70000' } },
    'config: dashboard.port must be a number ≤ 65535, got 70000 (from DVT__DASHBOARD__PORT)',
  ],
  [
    'a boolean that is not one',
    { env: { DVT__PHYSICS__NOISE: 'maybe' } },
    'config: physics.noise must be true or false, got "maybe" (from DVT__PHYSICS__NOISE)',
  ],
  [
    'a short dashboard token',
    { env: { DVT__DASHBOARD__TOKEN: 'short' } },
    'config: dashboard.token must be at least 16 characters, got "short" (from DVT__DASHBOARD__TOKEN)',
  ],
  [
    'a bad VISA resource',
    { env: { DVT__INSTRUMENTS__VISA__DMM: 'GPIB0::22::INSTR' } },
    'config: instruments.visa.dmm must be a VISA resource like TCPIP::192.168.1.10::5025::SOCKET, got "GPIB0::22::INSTR" (from DVT__INSTRUMENTS__VISA__DMM)',
  ],
  [
    'an unknown key in the environment',
    { env: { DVT__PHYSICS__FOO: '1' } },
    'config: physics.foo is not a known setting (from DVT__PHYSICS__FOO); see config/default.yaml for the keys',
  ],
  [
    'a section replaced by a scalar',
    { env: { DVT__PHYSICS: '3' } },
    'config: physics must be a section (a mapping of keys), got 3 (from DVT__PHYSICS)',
  ],
  ['a malformed override name', { env: { DVT__PHYSICS____SEED: '3' } }, /is not a valid override name/],
  [
    'a missing file',
    { path: '/nonexistent/dvt.yaml', env: {} },
    'config: the file /nonexistent/dvt.yaml does not exist',
  ],
  [
    'an override from the command line names its flag',
    { env: {}, overrides: { simulation: { speed: -1 } }, overridesSource: '--speed' },
    'config: simulation.speed must be a positive number or "max", got -1 (from --speed)',
  ],
]

/** A config file that fails to load, and the sentence it fails with (which names the file). */
const FILE_ERROR_CASES: [what: string, yaml: string, message: (file: string) => string | RegExp][] = [
  [
    'a socket read through a switch/measure unit that has no resource',
    'instruments:\n  visa:\n    sockets:\n      - { vout: dmm }\n      - { vout: 102, load_channel: 2 }\n',
    (file) =>
      `config: instruments.visa.sockets.1 reads channel 102 of the switch/measure unit, but instruments.visa.mux is not set — give its resource string, got {"vout":102,"load_channel":2} (in ${file})`,
  ],
  [
    'a switch/measure unit channel that no DAQ970A has',
    'instruments:\n  visa:\n    mux: TCPIP::10.0.0.6::5025::SOCKET\n    sockets:\n      - { vout: 42 }\n',
    (file) => `config: instruments.visa.sockets.0.vout must be a number ≥ 101, got 42 (in ${file})`,
  ],
  [
    'an empty board',
    'instruments:\n  visa:\n    sockets: []\n',
    (file) => `config: instruments.visa.sockets must have at least 1 entry, got [] (in ${file})`,
  ],
  [
    'an unknown section in a file names the file',
    'fizzics:\n  seed: 1\n',
    (file) => `config: fizzics is not a known setting (in ${file}); see config/default.yaml for the keys`,
  ],
  [
    'a bad value in a file names the file',
    'physics:\n  thermal:\n    theta_ca: -1\n',
    (file) => `config: physics.thermal.theta_ca must be a positive number, got -1 (in ${file})`,
  ],
  [
    'invalid YAML names the line',
    'physics:\n  seed: [1\n',
    (file) => new RegExp(`^config: ${file} is not valid YAML at line \\d+`),
  ],
  [
    'a file holding a single value',
    '42\n',
    (file) => `config: ${file} must hold a mapping of sections, not a single value`,
  ],
]

describe('loadConfig errors: one sentence naming the key, the value, what is allowed and where', () => {
  it.each(ERROR_CASES)('%s', (_what, options, message) => {
    expectMessage(
      messageOf(() => loadConfig(options)),
      message,
    )
  })

  it.each(FILE_ERROR_CASES)('%s', (_what, yaml, message) => {
    const path = writeYaml(yaml)
    expectMessage(
      messageOf(() => loadConfig({ path, env: {} })),
      message(path),
    )
  })
})
