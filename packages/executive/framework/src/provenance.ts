import { createHash } from 'node:crypto'
import { hostname } from 'node:os'
import { stationName } from '@dvt/config'
import type { InstrumentSet } from '@dvt/drivers'
import { isSimulatorControl, MEASURING_ROLES, simulatorStation } from '@dvt/protocol'
import type { Provenance } from '@dvt/storage/records'

export interface ProvenanceSource {
  instruments: InstrumentSet
  /** The configured station (`station.name`); null: the one the bench names, else this host's (`stationOf`). */
  station: string | null
  softwareVersion: string
  config: unknown
  /** The socket the run tests [1]: the simulated DUT truth recorded is that socket's part's. */
  socket?: number
}

const answer = <T>(promise: Promise<T>): Promise<T | null> => promise.catch(() => null)

/** SHA-256 (hex) of a configuration's JSON. */
export function configHash(json: string): string {
  return createHash('sha256').update(json).digest('hex')
}

/**
 * The station a run or campaign is stored with: the configured one, else the one a simulated bench names in its
 * control port's `*IDN?` (`dvt serve --station`), else this host's name. `controlIdn` is that answer, when known.
 */
function stationOf(configured: string | null, controlIdn: string | null | undefined): string {
  return stationName({ station: { name: configured } }, simulatorStation(controlIdn))
}

/** The same, asking the bench's control port for its `*IDN?` when no station is configured. */
export async function benchStation(instruments: InstrumentSet, configured: string | null): Promise<string> {
  if (configured !== null || !instruments.control) return stationOf(configured, null)
  return stationOf(null, await answer(instruments.control.identify()))
}

/**
 * What a run is made with, asked of the bench as the run starts: every instrument's `*IDN?` (null for one that does
 * not answer — the probe that follows reports it), the software, the configuration and, on the simulator, its noise
 * seed and the DUT it simulates (`SIM:DUT:PAR:CAT?`, then each parameter).
 */
export async function collectProvenance(source: ProvenanceSource): Promise<Provenance> {
  const { instruments } = source
  const roles = [...MEASURING_ROLES, 'control' as const].filter((role) => instruments[role] !== undefined)
  const ids = await Promise.all(roles.map((role) => answer(instruments[role]!.identify())))
  const configJson = source.config === null || source.config === undefined ? null : JSON.stringify(source.config)
  return {
    station: stationOf(source.station, ids[roles.indexOf('control')]),
    host: hostname(),
    softwareVersion: source.softwareVersion,
    instruments: Object.fromEntries(roles.map((role, i) => [role, ids[i] ?? null])),
    configHash: configJson === null ? null : configHash(configJson),
    configJson,
    // The DUT truth only from the simulator itself (a replay's control port is only a clock).
    simulator:
      instruments.control && isSimulatorControl(ids[roles.indexOf('control')])
        ? await simulatorTruth(instruments.control, source.socket ?? 1)
        : null,
  }
}

async function simulatorTruth(
  control: NonNullable<InstrumentSet['control']>,
  socket: number,
): Promise<Provenance['simulator']> {
  const seed = await answer(control.getSeed())
  const names = (await answer(control.dutParameterNames())) ?? []
  const dut: Record<string, number> = {}
  for (const name of names) {
    // Socket 1 is asked as a one-DUT bench is (no socket argument).
    const value = await answer(socket === 1 ? control.getDutParameter(name) : control.getSocketParameter(socket, name))
    if (value !== null) dut[name] = value
  }
  return { seed: seed === null ? null : Number(seed), dut }
}
