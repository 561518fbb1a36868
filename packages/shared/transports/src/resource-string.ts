import { TransportError } from './transport-error'

/** Where a raw-socket instrument listens. */
export interface SocketAddress {
  host: string
  port: number
}

const SOCKET_RESOURCE = /^TCPIP(\d*)::(\[[0-9A-Fa-f:.]+\]|[^:\s[\]]+)::(\d{1,5})::SOCKET$/i
const SUPPORTED =
  'only raw sockets are supported: TCPIP[board]::<host>::<port>::SOCKET, e.g. TCPIP::127.0.0.1::5003::SOCKET'

/**
 * Parses a VISA raw-socket resource string: `TCPIP::host::port::SOCKET`, `TCPIP0::…` (any board number),
 * case-insensitive; an IPv6 host is written in brackets (`TCPIP::[::1]::5025::SOCKET`).
 *
 * @throws TransportError `TRANSPORT_BAD_RESOURCE` for anything else (INSTR, GPIB, USB, serial, bad port).
 */
export function parseResource(resource: string): SocketAddress {
  const text = resource.trim()
  const match = SOCKET_RESOURCE.exec(text)
  if (match === null) throw new TransportError('TRANSPORT_BAD_RESOURCE', badResourceMessage(text))
  const host = match[2]!.replace(/^\[(.*)\]$/, '$1')
  const port = Number(match[3])
  if (port < 1 || port > 65_535) {
    throw new TransportError(
      'TRANSPORT_BAD_RESOURCE',
      `bad port ${match[3]} in resource "${text}": a port is 1 to 65535 (${SUPPORTED})`,
    )
  }
  return { host, port }
}

/** The canonical resource string of a raw-socket address: `TCPIP::host::port::SOCKET`. */
export function formatResource(address: SocketAddress): string {
  const host = address.host.includes(':') ? `[${address.host}]` : address.host
  return `TCPIP::${host}::${address.port}::SOCKET`
}

function badResourceMessage(text: string): string {
  if (/^TCPIP\d*::.*::INSTR$/i.test(text) || /^TCPIP\d*::[^:]+$/i.test(text)) {
    return `unsupported resource "${text}": VXI-11 and HiSLIP (::INSTR) need a VISA library; ${SUPPORTED} (most LAN instruments also listen on raw port 5025)`
  }
  return `unsupported resource "${text}": ${SUPPORTED}`
}
