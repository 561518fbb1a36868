import { parseResource } from './resource-string'
import { createTcpTransport, type TcpTransportOptions } from './tcp-transport'
import type { Transport } from './transport'

/** Options of {@link openResource}: those of a TCP transport, minus the address the resource gives. */
export type OpenResourceOptions = Omit<TcpTransportOptions, 'host' | 'port'>

/**
 * Opens a transport for a VISA resource string (PyVISA's `open_resource`). Only raw sockets
 * (`TCPIP[board]::host::port::SOCKET`) are supported; connecting happens on first use.
 *
 * @throws TransportError `TRANSPORT_BAD_RESOURCE` naming what is supported.
 */
export function openResource(resource: string, options: OpenResourceOptions = {}): Transport {
  return createTcpTransport({ ...options, ...parseResource(resource) })
}
