import { describe, expect, it } from 'vitest'
import { formatResource, parseResource } from './resource-string'
import { TransportError } from './transport-error'

function badResource(resource: string): TransportError {
  try {
    parseResource(resource)
  } catch (error) {
    expect(error).toBeInstanceOf(TransportError)
    expect((error as TransportError).code).toBe('TRANSPORT_BAD_RESOURCE')
    return error as TransportError
  }
  throw new Error(`expected "${resource}" to be rejected`)
}

describe('parseResource', () => {
  it.each([
    ['TCPIP::127.0.0.1::5003::SOCKET', '127.0.0.1', 5003],
    ['TCPIP0::127.0.0.1::5003::SOCKET', '127.0.0.1', 5003],
    ['TCPIP12::bench-dmm.lab.local::5025::SOCKET', 'bench-dmm.lab.local', 5025],
    ['tcpip::localhost::1::socket', 'localhost', 1],
    ['  TCPIP::10.0.0.7::65535::SOCKET\n', '10.0.0.7', 65535],
    ['TCPIP::[::1]::5025::SOCKET', '::1', 5025],
  ])('%s → %s:%d', (resource, host, port) => {
    expect(parseResource(resource)).toEqual({ host, port })
  })

  it('explains that only raw sockets are supported', () => {
    for (const resource of ['GPIB0::22::INSTR', 'USB0::0x2A8D::0x1301::MY123::INSTR', 'ASRL1::INSTR', 'nonsense']) {
      expect(badResource(resource).message).toContain('TCPIP[board]::<host>::<port>::SOCKET')
    }
  })

  it('points VXI-11 and HiSLIP users to the raw socket port', () => {
    for (const resource of ['TCPIP::10.0.0.7::inst0::INSTR', 'TCPIP0::10.0.0.7::hislip0::INSTR', 'TCPIP::10.0.0.7']) {
      const message = badResource(resource).message
      expect(message).toContain(`"${resource}"`)
      expect(message).toContain('5025')
    }
  })

  it('rejects ports outside 1–65535 and missing parts', () => {
    expect(badResource('TCPIP::127.0.0.1::0::SOCKET').message).toContain('1 to 65535')
    expect(badResource('TCPIP::127.0.0.1::70000::SOCKET').message).toContain('1 to 65535')
    badResource('TCPIP::127.0.0.1::SOCKET')
    badResource('TCPIP::::5003::SOCKET')
    badResource('TCPIP::127.0.0.1::50a3::SOCKET')
  })
})

describe('formatResource', () => {
  it('writes the canonical form, bracketing IPv6 hosts, and round-trips through parseResource', () => {
    expect(formatResource({ host: '127.0.0.1', port: 5003 })).toBe('TCPIP::127.0.0.1::5003::SOCKET')
    expect(formatResource({ host: '::1', port: 5025 })).toBe('TCPIP::[::1]::5025::SOCKET')
    for (const address of [
      { host: 'localhost', port: 5001 },
      { host: '::1', port: 5025 },
    ]) {
      expect(parseResource(formatResource(address))).toEqual(address)
    }
  })
})
