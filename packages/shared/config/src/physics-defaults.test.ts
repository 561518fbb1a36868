import { DEFAULT_LDO_PARAMETERS, DEFAULT_PHYSICS_PARAMS } from '@dvt/physics'
import { describe, expect, it } from 'vitest'
import { configSchema } from './schema'

// The physics package keeps its own defaults (it is pure and does not read config); they must not drift apart.
describe('config defaults and the physics package defaults', () => {
  const defaults = configSchema.parse({})

  it('agree on every physics parameter', () => {
    expect(defaults.physics).toEqual(DEFAULT_PHYSICS_PARAMS)
  })

  it('agree on every LDO parameter', () => {
    expect(defaults.dut.parameters).toEqual(DEFAULT_LDO_PARAMETERS)
  })
})
