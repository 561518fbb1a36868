import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConfigError, simulatorPorts } from '@dvt/config'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CliError } from './cli-error'
import { type ConfigFlags, loadCliConfig, parsePortBase } from './load-cli-config'

let dir: string
/** A config file of the test's own, so neither config/default.yaml nor the caller's environment leaks in. */
let file: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dvt-cli-config-'))
  file = join(dir, 'bench.yaml')
  writeFileSync(file, 'simulation:\n  speed: 30\ninstruments:\n  timeout_ms: 800\n')
  for (const key of Object.keys(process.env)) if (key.startsWith('DVT__')) vi.stubEnv(key, undefined)
})

afterEach(() => {
  vi.unstubAllEnvs()
  rmSync(dir, { recursive: true, force: true })
})

function messageOf(flags: ConfigFlags, extra?: Record<string, unknown>): string {
  try {
    loadCliConfig(flags, extra)
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return (error as Error).message
  }
  throw new Error('expected a ConfigError')
}

describe('loadCliConfig', () => {
  it('reads the --config file over the defaults', () => {
    const config = loadCliConfig({ config: file })
    expect(config.simulation.speed).toBe(30)
    expect(config.instruments.timeout_ms).toBe(800)
    expect(config.instruments.simulator.host).toBe('127.0.0.1')
  })

  it.each([
    { speed: 'max', expected: 'max' },
    { speed: 'MAX', expected: 'max' },
    { speed: '5', expected: 5 },
    { speed: ' 0.5 ', expected: 0.5 },
  ])('--speed $speed sets simulation.speed to $expected over the file', ({ speed, expected }) => {
    expect(loadCliConfig({ config: file, speed }).simulation.speed).toBe(expected)
  })

  it('--host sets the simulator host and leaves the dashboard’s alone', () => {
    const config = loadCliConfig({ config: file, host: '10.0.0.2' })
    expect(config.instruments.simulator.host).toBe('10.0.0.2')
    expect(config.dashboard.host).toBe('127.0.0.1')
    expect(config.instruments.timeout_ms).toBe(800)
  })

  it('flags win over the DVT__ environment, which wins over the file', () => {
    vi.stubEnv('DVT__SIMULATION__SPEED', '10')
    vi.stubEnv('DVT__INSTRUMENTS__SIMULATOR__HOST', 'env-host')
    expect(loadCliConfig({ config: file }).simulation.speed).toBe(10)
    const flagged = loadCliConfig({ config: file, speed: 'max', host: 'flag-host' })
    expect(flagged.simulation.speed).toBe('max')
    expect(flagged.instruments.simulator.host).toBe('flag-host')
  })

  it('merges extra overrides into the sections the flags set', () => {
    const config = loadCliConfig(
      { config: file, host: '0.0.0.0' },
      { instruments: { timeout_ms: 100 }, dashboard: { host: '0.0.0.0', port: 9090 } },
    )
    expect(config.instruments.simulator.host).toBe('0.0.0.0')
    expect(config.instruments.timeout_ms).toBe(100)
    expect(config.dashboard).toMatchObject({ host: '0.0.0.0', port: 9090 })
  })

  describe('--port-base', () => {
    it.each([
      ['5000', 5000],
      ['0', 0],
      [' 6010 ', 6010],
      ['65526', 65526],
    ])('%j is %i', (text, base) => {
      expect(parsePortBase(text)).toBe(base)
    })

    it.each(['-1', '65527', '5000.5', 'x', ''])('%j is refused in one sentence', (text) => {
      expect(() => parsePortBase(text)).toThrow(CliError)
      expect(() => parsePortBase(text)).toThrow(
        `--port-base takes a port from 1 to 65526 (0: any free ports), got "${text}"`,
      )
    })

    it('puts every listener at the base plus its offset, over per-port keys of the file and the environment', () => {
      writeFileSync(file, 'instruments:\n  simulator:\n    dmm_port: 7003\n')
      vi.stubEnv('DVT__INSTRUMENTS__SIMULATOR__TELEMETRY_PORT', '7009')
      const unflagged = loadCliConfig({ config: file })
      expect(simulatorPorts(unflagged.instruments.simulator)).toMatchObject({
        control: 5000,
        dmm: 7003,
        telemetry: 7009,
      })
      const config = loadCliConfig({ config: file, portBase: '6010' })
      expect(config.instruments.simulator.port_base).toBe(6010)
      expect(simulatorPorts(config.instruments.simulator)).toEqual({
        control: 6010,
        chamber: 6011,
        supply: 6012,
        dmm: 6013,
        load: 6014,
        mux: 6015,
        telemetry: 6019,
      })
    })

    it('keeps --host beside it', () => {
      const config = loadCliConfig({ config: file, host: '10.0.0.2', portBase: '6000' })
      expect(config.instruments.simulator).toMatchObject({ host: '10.0.0.2', port_base: 6000 })
    })
  })

  it('--station sets station.name over the environment', () => {
    vi.stubEnv('DVT__STATION__NAME', 'env-bench')
    expect(loadCliConfig({ config: file }).station.name).toBe('env-bench')
    expect(loadCliConfig({ config: file, station: 'bench-3' }).station.name).toBe('bench-3')
  })

  describe('a bad value names the key, the value, what is allowed and the flag it came from', () => {
    it.each([
      { speed: '-1', says: 'config: simulation.speed must be a positive number or "max", got -1 (from --speed)' },
      { speed: 'fast', says: 'config: simulation.speed must be a positive number or "max", got "fast" (from --speed)' },
      {
        speed: '1e7',
        says: 'config: simulation.speed must be from 0.001 to 1000000 (× real time) or "max", got 10000000 (from --speed)',
      },
    ])('--speed $speed', ({ speed, says }) => {
      expect(messageOf({ config: file, speed })).toBe(says)
    })

    it('--host ""', () => {
      expect(messageOf({ config: file, host: '' })).toMatch(
        /^config: instruments\.simulator\.host must .*, got "" \(from --host\)$/,
      )
    })

    it('--station ""', () => {
      expect(messageOf({ config: file, station: '' })).toMatch(
        /^config: station\.name must .*, got "" \(from --station\)$/,
      )
    })

    it('an extra override without a flag is "from the command line"', () => {
      expect(messageOf({ config: file }, { dashboard: { port: 'abc' } })).toBe(
        'config: dashboard.port must be a number, got "abc" (from the command line)',
      )
    })

    it('a bad value in the file names the file', () => {
      writeFileSync(file, 'simulation:\n  speed: 0\n')
      expect(messageOf({ config: file })).toBe(
        `config: simulation.speed must be a positive number or "max", got 0 (in ${file})`,
      )
    })

    it('a --config file that is not there', () => {
      const missing = join(dir, 'nope.yaml')
      expect(messageOf({ config: missing })).toBe(`config: the file ${missing} does not exist`)
    })
  })
})
