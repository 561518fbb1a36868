import type { Transport } from '@dvt/transports'
import type { ScpiChannel } from './internal/scpi-channel'

/** What every driver offers besides its own commands (IEEE 488.2 common commands). */
export interface Instrument {
  /** Human name used in messages: `chamber`, `supply`, `multimeter`, `load`, `simulation`. */
  readonly name: string
  /** The resource string of the underlying transport. */
  readonly resource: string
  /** `*IDN?` → e.g. `Keysight Technologies,34461A-SIM,0,1.0.0`. */
  identify(): Promise<string>
  /** `*RST`: restore the instrument's settings (never its error queue). */
  reset(): Promise<void>
  /** `*CLS`: clear the status registers and the error queue. */
  clear(): Promise<void>
  /** Sends one raw command or query and returns the reply (null for a command). No error check. */
  send(line: string): Promise<string | null>
  close(): Promise<void>
}

export function createInstrumentBase(channel: ScpiChannel, transport: Transport): Instrument {
  return {
    name: channel.name,
    resource: transport.resource,
    identify: () => channel.query('*IDN?'),
    reset: () => channel.command('*RST'),
    clear: () => channel.command('*CLS'),
    async send(line) {
      if (/\?/.test(line)) return transport.query(line)
      await transport.write(line)
      return null
    },
    close: () => transport.close(),
  }
}
