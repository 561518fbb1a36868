import { describe, expect, it } from 'vitest'
import { defaultRegistry } from './default-registry'
import { describeParameters, parseParameterStrings, validateParameters } from './parameters'

const tempco = defaultRegistry.get('tempco')

describe('parameters', () => {
  it('fills defaults', async () => {
    const params = validateParameters(tempco, {})
    expect(params.points_c).toEqual([-40, -20, 0, 25, 50, 85])
    expect(params.samples).toBe(10)
    expect(params.limit_ppm_per_c).toBe(100)
  })

  it('parses --set strings by the schema', async () => {
    expect(parseParameterStrings(tempco, { points_c: '-40, 25,85', samples: '20', limit_ppm_per_c: '150' })).toEqual({
      points_c: [-40, 25, 85],
      samples: 20,
      limit_ppm_per_c: 150,
    })
    expect(parseParameterStrings(tempco, { points_c: '[0,25]' })).toEqual({ points_c: [0, 25] })
  })

  it('parses a list of sockets and refuses one named twice', async () => {
    expect(parseParameterStrings(tempco, { sockets: '1,2, 8' })).toEqual({ sockets: [1, 2, 8] })
    expect(validateParameters(tempco, {}).sockets).toBeUndefined()
    expect(() => validateParameters(tempco, { sockets: [] })).toThrow(
      'parameter "sockets" of tempco is invalid: expected array to have >=1 items',
    )
    expect(() => validateParameters(tempco, { sockets: [1, 17] })).toThrow(
      'parameter "sockets" of tempco (item 1) is invalid: expected number to be <=16',
    )
  })

  it('names the parameter in one sentence when a value is wrong', async () => {
    expect(() => validateParameters(tempco, parseParameterStrings(tempco, { samples: 'many' }))).toThrow(
      'parameter "samples" of tempco is invalid: expected number, received string',
    )
    expect(() => validateParameters(tempco, { points_c: [25] })).toThrow(
      'parameter "points_c" of tempco is invalid: expected array to have >=2 items',
    )
    expect(() => validateParameters(tempco, { points_c: [25, 500] })).toThrow(
      'parameter "points_c" of tempco (item 1) is invalid: expected number to be <=200',
    )
  })

  it('describes every library test as JSON Schema with defaults and descriptions', async () => {
    // A parameter without a default is optional: its absence means what its description says (`sockets`: the one
    // `socket`; `current_limit_a`: enough for the board; dropout's `temperature_c`: the three corners;
    // quiescent_current's `iq_samples`: as many as the current's source needs).
    const optional = ['sockets', 'current_limit_a', 'temperature_c', 'iq_samples']
    for (const test of defaultRegistry.list()) {
      const schema = describeParameters(test)
      expect(schema.type).toBe('object')
      expect(schema.required ?? []).toEqual([])
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        if (property.default === undefined) expect(optional, `${test.name}.${name}`).toContain(name)
        expect(property.description, `${test.name}.${name}`).toBeTypeOf('string')
      }
    }
  })

  it('lists the library', async () => {
    expect(defaultRegistry.list().map((t) => t.name)).toEqual([
      'tempco',
      'load_regulation',
      'line_regulation',
      'dropout',
      'iq_vs_temp',
      'output_voltage',
      'quiescent_current',
    ])
  })
})
