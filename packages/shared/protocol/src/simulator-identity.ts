/**
 * How the simulator's control port names itself: `DVT-SIM,CONTROL,<station>,<release>`. A client tells a simulated
 * bench (whose DUT truth it may ask for) from anything else answering on a control port — a replay's own clock, say —
 * by it. The serial-number field is the bench's station name (`dvt serve --station`, `station.name`), `0` for a bench
 * that has none (an in-process test bench).
 */
export const SIMULATOR_CONTROL = Object.freeze({ manufacturer: 'DVT-SIM', model: 'CONTROL' })

/** The serial field of a control port that names no station. */
export const NO_STATION_SERIAL = '0'

/** True when an `*IDN?` answer is the simulator's control port. */
export function isSimulatorControl(idn: string | null | undefined): boolean {
  const [manufacturer, model] = (idn ?? '').split(',').map((field) => field.trim())
  return manufacturer === SIMULATOR_CONTROL.manufacturer && model === SIMULATOR_CONTROL.model
}

/** The station a simulated bench names in its control port's `*IDN?`, or null (not a simulator, or no station). */
export function simulatorStation(idn: string | null | undefined): string | null {
  if (!isSimulatorControl(idn)) return null
  const serial = (idn ?? '').split(',')[2]?.trim() ?? ''
  return serial === '' || serial === NO_STATION_SERIAL ? null : serial
}
