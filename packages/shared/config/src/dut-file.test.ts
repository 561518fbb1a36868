import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError } from './config-error'
import { DUT_FILE_FORMAT, type DutFile, formatDutFile, readDutFile } from './dut-file'
import { loadConfig } from './load-config'

const dir = mkdtempSync(join(tmpdir(), 'dvt-dut-'))
let count = 0
function write(text: string): string {
  const path = join(dir, `dut-${++count}.yaml`)
  writeFileSync(path, text)
  return path
}

const twin: DutFile = {
  format: DUT_FILE_FORMAT,
  description: 'twin of SN-7',
  dut: { model: 'ldo', parameters: { tempco_ppm_per_c: 87, nominal_output_voltage: 3.25 } },
  physics: { thermal: { theta_jc: 22, theta_ca: 8, case_time_constant_s: 6 } },
  fit: {
    runs: ['a'],
    serial: 'SN-7',
    fitted_at: '2026-12-01T00:00:00.000Z',
    software_version: '0.1.0',
    level: 0.95,
    parameters: {
      tempco_ppm_per_c: { value: 87, unit: 'ppm/°C', fitted: true, u: 0.01, dof: 30, low: 86.98, high: 87.02 },
    },
  },
}

function messageOf(path: string): string {
  try {
    loadConfig({ path: '/dev/null', env: {}, dutFile: path })
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return (error as Error).message
  }
  throw new Error('expected a ConfigError')
}

describe('DUT files (docs/twin.md#the-dut-file)', () => {
  it('round-trips through formatDutFile and sets dut.parameters and physics.thermal over the configuration', () => {
    const path = write(formatDutFile(twin))
    expect(readDutFile(path)).toEqual(twin)
    const config = loadConfig({
      path: '/dev/null',
      env: { DVT__DUT__PARAMETERS__TEMPCO_PPM_PER_C: '10' },
      dutFile: path,
    })
    expect(config.dut.parameters.tempco_ppm_per_c).toBe(87)
    expect(config.dut.parameters.nominal_output_voltage).toBe(3.25)
    expect(config.dut.parameters.load_regulation_ohm).toBe(0.05)
    expect(config.physics.thermal).toMatchObject({ theta_jc: 22, theta_ca: 8, case_time_constant_s: 6 })
    expect(config.physics.thermal.chamber_time_constant_s).toBe(30)
  })

  it('is overridden by the command line', () => {
    const path = write(formatDutFile(twin))
    const config = loadConfig({
      path: '/dev/null',
      env: {},
      dutFile: path,
      overrides: { dut: { parameters: { tempco_ppm_per_c: 5 } } },
    })
    expect(config.dut.parameters.tempco_ppm_per_c).toBe(5)
  })

  it.each([
    ['no file', null, /^dut file .*missing\.yaml does not exist$/],
    ['bad YAML', 'format: [', /^dut file .*\.yaml is not valid YAML at line \d+: /],
    [
      'a config file',
      'physics:\n  seed: 3\n',
      /^.*\.yaml is not a DUT file: its first key must be format: dvt-dut\/1$/,
    ],
    [
      'a misspelt parameter',
      `format: ${DUT_FILE_FORMAT}\ndut:\n  parameters:\n    tempco: 5\n`,
      /^dut file .*: dut\.parameters\.tempco is not a key of a DUT file$/,
    ],
    [
      'a text value',
      `format: ${DUT_FILE_FORMAT}\ndut:\n  parameters:\n    tempco_ppm_per_c: high\n`,
      /^dut file .*: dut\.parameters\.tempco_ppm_per_c must be a number, got "high"$/,
    ],
    [
      'a negative thermal resistance',
      `format: ${DUT_FILE_FORMAT}\ndut:\n  parameters: {}\nphysics:\n  thermal:\n    theta_ca: -2\n`,
      /^dut file .*: physics\.thermal\.theta_ca must be a positive number, got -2$/,
    ],
    [
      'a physics key other than thermal',
      `format: ${DUT_FILE_FORMAT}\ndut:\n  parameters: {}\nphysics:\n  seed: 4\n`,
      /^dut file .*: physics\.seed is not a key of a DUT file$/,
    ],
  ])('refuses %s in one sentence', (_, text, expected) => {
    const path = text === null ? join(dir, 'missing.yaml') : write(text)
    expect(messageOf(path)).toMatch(expected)
  })
})
