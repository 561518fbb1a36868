import { type InstrumentRole, NO_STATION_SERIAL, SIMULATOR_CONTROL } from '@dvt/protocol'
import type { ScpiIdentity } from '@dvt/scpi'

/** A simulated instrument's identity: serial 0, firmware 1.0.0. */
function simulated(manufacturer: string, model: string): ScpiIdentity {
  return Object.freeze({ manufacturer, model, serial: '0', firmware: '1.0.0' })
}

/** `*IDN?` → `TEMPTRONIC,ATS-545-SIM,0,1.0.0` */
export const CHAMBER_IDENTITY = simulated('TEMPTRONIC', 'ATS-545-SIM')

/** `*IDN?` → `Keysight Technologies,E36312A-SIM,0,1.0.0` */
export const SUPPLY_IDENTITY = simulated('Keysight Technologies', 'E36312A-SIM')

/** `*IDN?` → `Keysight Technologies,34461A-SIM,0,1.0.0` */
export const DMM_IDENTITY = simulated('Keysight Technologies', '34461A-SIM')

/** `*IDN?` → `Keysight Technologies,EL34143A-SIM,0,1.0.0` */
export const LOAD_IDENTITY = simulated('Keysight Technologies', 'EL34143A-SIM')

/** `*IDN?` → `Keysight Technologies,DAQ970A-SIM,0,1.0.0` */
export const MUX_IDENTITY = simulated('Keysight Technologies', 'DAQ970A-SIM')

/**
 * `*IDN?` of the simulation control port: `DVT-SIM,CONTROL,<station>,<version>` — the bench's station name in the
 * serial field (`0` without one), so a run started anywhere against this bench is stored with its station.
 */
export function controlIdentity(version: string, station: string | null = null): ScpiIdentity {
  return Object.freeze({ ...SIMULATOR_CONTROL, serial: station ?? NO_STATION_SERIAL, firmware: version })
}

/**
 * The identity of each port of a virtual bench; the control port's firmware field is the release `version`, its
 * serial field the bench's `station`.
 */
export function benchIdentities(
  version: string,
  station: string | null = null,
): Readonly<Record<InstrumentRole, ScpiIdentity>> {
  return Object.freeze({
    control: controlIdentity(version, station),
    chamber: CHAMBER_IDENTITY,
    supply: SUPPLY_IDENTITY,
    dmm: DMM_IDENTITY,
    load: LOAD_IDENTITY,
    mux: MUX_IDENTITY,
  })
}

/** The `*IDN?` line as an instrument answers it. */
export function formatIdentity(identity: ScpiIdentity): string {
  return `${identity.manufacturer},${identity.model},${identity.serial},${identity.firmware}`
}
