import type { Transport } from '@dvt/transports'
import { type DriverCommandTable, type DriverMethods, defineDriverCommands } from './driver-table'
import { bindCommands } from './internal/bind-commands'
import { createScpiChannel, type ScpiChannel } from './internal/scpi-channel'
import { r } from './replies'

/** The IEEE 488.2 common commands every instrument has (docs/scpi.md#common-commands). */
export const commonCommands = defineDriverCommands({
  /** The identity, e.g. `Keysight Technologies,34461A-SIM,0,1.0.0`. */
  identify: { scpi: '*IDN?', reply: r.text() },
  /** Restores the instrument's settings (never its error queue). */
  reset: { scpi: '*RST' },
  /** Clears the status registers and the error queue. */
  clear: { scpi: '*CLS' },
})

/** What every driver offers besides its own commands. */
export interface Instrument extends DriverMethods<typeof commonCommands> {
  /** Human name used in messages: `chamber`, `supply`, `multimeter`, `load`, `simulation`. */
  readonly name: string
  /** The resource string of the underlying transport. */
  readonly resource: string
  /** Sends one raw command or query and returns the reply (null for a command). No error check. */
  send(line: string): Promise<string | null>
  /** Closes the connection. */
  close(): Promise<void>
}

/**
 * A driver made from its table: the common commands and one method per row, over one channel that appends the
 * error check to every line. The driver module adds the methods that join rows or keep state, using `channel`.
 */
export function createTableDriver<T extends DriverCommandTable>(
  transport: Transport,
  name: string,
  table: T,
): { channel: ScpiChannel; driver: Instrument & DriverMethods<T> } {
  const channel = createScpiChannel(name, transport)
  const instrument: Instrument = {
    name,
    resource: transport.resource,
    ...bindCommands(channel, commonCommands),
    async send(line) {
      if (/\?/.test(line)) return transport.query(line)
      await transport.write(line)
      return null
    },
    close: () => transport.close(),
  }
  return { channel, driver: { ...instrument, ...bindCommands(channel, table) } }
}
