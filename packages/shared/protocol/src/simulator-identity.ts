/**
 * How the simulator's control port names itself: `DVT-SIM,CONTROL,0,<release>`. A client tells a simulated bench
 * (whose DUT truth it may ask for) from anything else answering on a control port — a replay's own clock, say — by it.
 */
export const SIMULATOR_CONTROL = Object.freeze({ manufacturer: 'DVT-SIM', model: 'CONTROL' })

/** True when an `*IDN?` answer is the simulator's control port. */
export function isSimulatorControl(idn: string | null | undefined): boolean {
  const [manufacturer, model] = (idn ?? '').split(',').map((field) => field.trim())
  return manufacturer === SIMULATOR_CONTROL.manufacturer && model === SIMULATOR_CONTROL.model
}
