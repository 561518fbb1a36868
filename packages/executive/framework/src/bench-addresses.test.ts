import { hostname } from 'node:os'
import { configSchema } from '@dvt/config'
import { describe, expect, it } from 'vitest'
import { benchAddresses } from './bench-addresses'
import { FrameworkError } from './framework-error'

const visa = {
  chamber: 'TCPIP::10.0.0.2::5025::SOCKET',
  supply: 'TCPIP0::10.0.0.3::5025::SOCKET',
  dmm: 'TCPIP::10.0.0.4::5025::SOCKET',
  load: 'TCPIP::10.0.0.5::5025::SOCKET',
}

describe('benchAddresses', () => {
  it('puts every simulator port on the simulator host, control port included', async () => {
    const bench = benchAddresses(configSchema.parse({ instruments: { simulator: { dmm_port: 6003 } } }))
    expect(bench.backend).toBe('simulator')
    // Loopback is a different bench on every computer: the lock key names this one.
    expect(bench.key).toBe(`simulator@${hostname()}/127.0.0.1:5000`)
    expect(bench.require('dmm')).toEqual({
      role: 'dmm',
      name: 'multimeter',
      host: '127.0.0.1',
      port: 6003,
      timeoutMs: 5000,
    })
    expect(bench.require('control')).toMatchObject({ name: 'simulation control', port: 5000 })
    expect(bench.require('mux')).toMatchObject({ name: 'switch/measure unit', port: 5005 })
  })

  it('puts every port at the port base plus its offset, so two benches on one host are two benches', async () => {
    const at = (base: number) => benchAddresses(configSchema.parse({ instruments: { simulator: { port_base: base } } }))
    const [a, b] = [at(5000), at(5100)]
    expect(b.require('control').port).toBe(5100)
    expect(b.require('dmm').port).toBe(5103)
    expect(b.require('mux').port).toBe(5105)
    expect(b.key).toBe(`simulator@${hostname()}/127.0.0.1:5100`)
    expect(a.key).not.toBe(b.key)
  })

  it('parses the VISA resources of real hardware, and has no simulation control there', async () => {
    const bench = benchAddresses(configSchema.parse({ instruments: { backend: 'visa', visa } }))
    expect(bench.key).toBe(`visa@${Object.values(visa).join(',')}`)
    expect(bench.require('supply')).toMatchObject({ name: 'power supply', host: '10.0.0.3', port: 5025 })
    expect(bench.targets.control).toBeUndefined()
    expect(bench.targets.mux).toBeUndefined()
    expect(() => bench.require('control')).toThrow(
      'the simulation control port exists only with instruments.backend: simulator',
    )
  })

  it('adds the switch/measure unit of real hardware to the bench and its key when it is set', async () => {
    const mux = 'TCPIP::10.0.0.6::5025::SOCKET'
    const bench = benchAddresses(configSchema.parse({ instruments: { backend: 'visa', visa: { ...visa, mux } } }))
    expect(bench.key).toBe(`visa@${Object.values(visa).join(',')},${mux}`)
    expect(bench.require('mux')).toMatchObject({ name: 'switch/measure unit', host: '10.0.0.6', port: 5025 })
  })

  it('refuses a visa bench with a missing resource string, naming the key', async () => {
    const config = configSchema.parse({ instruments: { backend: 'visa', visa: { chamber: visa.chamber } } })
    const bench = benchAddresses(config)
    expect(() => bench.require('supply')).toThrow(FrameworkError)
    expect(() => bench.require('supply')).toThrow(
      "instruments.visa.supply is not set — give the power supply's resource string",
    )
  })
})
