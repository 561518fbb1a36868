import type { Transport } from '@dvt/transports'
import { type DriverMethods, defineDriverCommands } from './driver-table'
import { createTableDriver, type Instrument } from './instrument'
import { queryJoined, queryOf } from './internal/bind-commands'
import { p } from './params'
import { r } from './replies'

/** What {@link Chamber.status} reads: bit 0 of the register at temperature (stable), bit 1 not at temperature. */
export interface ChamberStatus {
  stable: boolean
  raw: number
}

/** One round trip's worth of chamber state. */
export interface ChamberReading {
  temperature: number
  stable: boolean
}

const decodeStatus = (raw: number): ChamberStatus => ({ raw, stable: (raw & 1) === 1 })

/** The Temptronic ThermoStream dialect (docs/scpi.md#thermal-chamber): one row per {@link Chamber} method. */
export const chamberCommands = defineDriverCommands({
  /** Sets the temperature the air is driven to. */
  setSetpoint: { scpi: 'SETP {celsius}', params: [p.number('celsius')], unit: '°C' },
  /** The setpoint. */
  getSetpoint: { scpi: 'SETP?', reply: r.number(), unit: '°C' },
  /** The air temperature. */
  readTemperature: { scpi: 'TEMP?', reply: r.number(), unit: '°C' },
  /** Sets the ramp rate limit. */
  setRampRate: { scpi: 'RAMP {rate}', params: [p.number('rate')], unit: '°C/min' },
  /** Sets the stability window (±). */
  setWindow: { scpi: 'WNDW {celsius}', params: [p.number('celsius')], unit: '°C' },
  /** Sets how long the air must stay in the window to count as stable. */
  setSoakTime: { scpi: 'SOAK {seconds}', params: [p.number('seconds')], unit: 's' },
  /** The stability register. */
  status: { scpi: 'TECR?', reply: r.register(decodeStatus) },
  /** Switches the chamber air on or off. */
  setFlow: { scpi: 'FLOW {on}', params: [p.bit('on')] },
})

/** A temperature chamber speaking the Temptronic ThermoStream dialect (docs/scpi.md#thermal-chamber). */
export interface Chamber extends Instrument, DriverMethods<typeof chamberCommands> {
  /** The air temperature and {@link ChamberStatus.stable}, read in one line (one round trip). */
  read(): Promise<ChamberReading>
}

/** The chamber's driver over `transport`; `name` is what messages call it. */
export function createChamber(transport: Transport, name = 'chamber'): Chamber {
  const { channel, driver } = createTableDriver(transport, name, chamberCommands)
  return {
    ...driver,
    async read() {
      const [temperature, status] = await queryJoined(channel, [
        queryOf(chamberCommands.readTemperature),
        queryOf(chamberCommands.status),
      ])
      return { temperature, stable: status.stable }
    },
  }
}
