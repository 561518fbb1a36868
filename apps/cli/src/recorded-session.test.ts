import { configSchema } from '@dvt/config'
import { describe, expect, it } from 'vitest'
import { configuredPortBase, parsePortBase, replayMode } from './recorded-session'

describe('dvt replay options', () => {
  it('strict unless --lenient; both at once is one sentence', () => {
    expect(replayMode({})).toBe('strict')
    expect(replayMode({ strict: true })).toBe('strict')
    expect(replayMode({ lenient: true })).toBe('lenient')
    expect(() => replayMode({ strict: true, lenient: true })).toThrow('choose one of --strict and --lenient, not both')
  })

  it.each([
    ['5000', 5000],
    ['0', 0],
    ['65526', 65526],
  ])('--port-base %s is %i', (text, base) => {
    expect(parsePortBase(text)).toBe(base)
  })

  it.each(['-1', '65527', '5000.5', 'x', ''])('--port-base %j is refused in one sentence', (text) => {
    expect(() => parsePortBase(text)).toThrow(
      `--port-base takes a port from 1 to 65526 (0: any free ports), got "${text}"`,
    )
  })

  it("defaults to the configuration's port base: the control port, or instruments.simulator.port_base", () => {
    expect(configuredPortBase(configSchema.parse({}))).toBe(5000)
    const moved = configSchema.parse({ instruments: { simulator: { control_port: 6000 } } })
    expect(configuredPortBase(moved)).toBe(6000)
    const withBase = {
      ...moved,
      instruments: { ...moved.instruments, simulator: { ...moved.instruments.simulator, port_base: 7000 } },
    }
    expect(configuredPortBase(withBase)).toBe(7000)
  })
})
