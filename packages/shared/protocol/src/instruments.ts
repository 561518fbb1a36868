/**
 * The instruments of a bench, by role: what each is called, where it listens relative to the bench's port base,
 * and the word `SIM:FAULT:DISConnect` names it by. Everything that lists, labels or addresses instruments (the
 * simulation server, the drivers, the CLI, the dashboard) reads this table. docs/scpi.md#ports
 */
export const INSTRUMENTS = Object.freeze({
  control: { label: 'simulation control', title: 'simulation control', portOffset: 0 },
  chamber: { label: 'chamber', title: 'thermal chamber', portOffset: 1, faultWord: 'CHAMber' },
  supply: { label: 'power supply', title: 'power supply', portOffset: 2, faultWord: 'SUPPly' },
  dmm: { label: 'multimeter', title: 'multimeter', portOffset: 3, faultWord: 'DMM' },
  load: { label: 'electronic load', title: 'electronic load', portOffset: 4, faultWord: 'LOAD' },
  mux: { label: 'switch/measure unit', title: 'switch/measure unit', portOffset: 5, faultWord: 'MUX' },
} as const)

/** An instrument's role on the bench; `control` is the simulator's own port (`SIM:*`). */
export type InstrumentRole = keyof typeof INSTRUMENTS

/** Every role, in the order the ports are listed. */
export const INSTRUMENT_ROLES = Object.freeze(Object.keys(INSTRUMENTS) as InstrumentRole[])

/** The instruments a test drives, on the simulator and on real hardware alike (no simulation control). */
export type MeasuringRole = Exclude<InstrumentRole, 'control'>
export const MEASURING_ROLES = Object.freeze(INSTRUMENT_ROLES.filter((r): r is MeasuringRole => r !== 'control'))

/** The instruments `SIM:FAULT:DISConnect` can disconnect. */
export type FaultTarget = MeasuringRole
export const FAULT_TARGETS: readonly FaultTarget[] = MEASURING_ROLES

/**
 * Other names a person may type for a role (`dvt query sim …`, the dashboard's console): `sim` is the
 * simulation control port.
 */
export const ROLE_ALIASES: Readonly<Record<string, InstrumentRole>> = Object.freeze({ sim: 'control' })

/** Every name a person may type for an instrument: the measuring instruments, simulation control, the aliases. */
export const INSTRUMENT_NAMES = Object.freeze([
  ...MEASURING_ROLES,
  'control',
  ...Object.keys(ROLE_ALIASES),
]) as readonly [string, ...string[]]

/** The role a typed name means (a role or an alias, case-insensitive), or undefined. */
export function resolveRole(name: string): InstrumentRole | undefined {
  const key = name.trim().toLowerCase()
  if (Object.hasOwn(INSTRUMENTS, key)) return key as InstrumentRole
  return Object.hasOwn(ROLE_ALIASES, key) ? ROLE_ALIASES[key] : undefined
}

/** The short form of a fault target's word (`CHAM`), as a driver sends it. */
export function faultShortWord(target: FaultTarget): string {
  return INSTRUMENTS[target].faultWord.replace(/[a-z]/g, '')
}

/** The fault target a (short-form, upper-case) SCPI word names, e.g. `SUPP` → `supply`. */
export function faultTargetOf(shortWord: string): FaultTarget | undefined {
  return FAULT_TARGETS.find((target) => faultShortWord(target) === shortWord.toUpperCase())
}
