/** The four fields of an `*IDN?` answer. */
export interface InstrumentIdentity {
  manufacturer: string
  model: string
  serial: string
  firmware: string
}

/** `*IDN?` → `TEMPTRONIC,ATS-545-SIM,0,1.0.0` */
export const CHAMBER_IDENTITY: InstrumentIdentity = Object.freeze({
  manufacturer: 'TEMPTRONIC',
  model: 'ATS-545-SIM',
  serial: '0',
  firmware: '1.0.0',
})

/** `*IDN?` → `Keysight Technologies,E36312A-SIM,0,1.0.0` */
export const SUPPLY_IDENTITY: InstrumentIdentity = Object.freeze({
  manufacturer: 'Keysight Technologies',
  model: 'E36312A-SIM',
  serial: '0',
  firmware: '1.0.0',
})

/** `*IDN?` → `Keysight Technologies,34461A-SIM,0,1.0.0` */
export const DMM_IDENTITY: InstrumentIdentity = Object.freeze({
  manufacturer: 'Keysight Technologies',
  model: '34461A-SIM',
  serial: '0',
  firmware: '1.0.0',
})

/** `*IDN?` → `Keysight Technologies,EL34143A-SIM,0,1.0.0` */
export const LOAD_IDENTITY: InstrumentIdentity = Object.freeze({
  manufacturer: 'Keysight Technologies',
  model: 'EL34143A-SIM',
  serial: '0',
  firmware: '1.0.0',
})

/** `*IDN?` of the simulation control port: `DVT-SIM,CONTROL,0,<version>`. */
export function controlIdentity(version: string): InstrumentIdentity {
  return Object.freeze({ manufacturer: 'DVT-SIM', model: 'CONTROL', serial: '0', firmware: version })
}

/** The `*IDN?` line as an instrument answers it. */
export function formatIdentity(identity: InstrumentIdentity): string {
  return `${identity.manufacturer},${identity.model},${identity.serial},${identity.firmware}`
}
