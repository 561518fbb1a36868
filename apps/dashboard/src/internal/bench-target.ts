import { benchConfig, type DvtConfig, type FleetBench, fleetBenches, isOwnBench } from '@dvt/config'
import { DashboardError } from '../errors'

/** The key of the dashboard's own bench (`instruments`) among the benches it runs things on. */
export const OWN_BENCH = ''

/** What one bench is doing for the dashboard: the run or campaign on it, and whether one is being started. */
export interface BenchSlot<T> {
  current: T | null
  starting: boolean
}

/** Where a run or campaign of the dashboard goes: which bench (its key), how messages name it, its config, its slot. */
export interface BenchTarget<T> {
  key: string
  label: string
  config: DvtConfig
  slot: BenchSlot<T>
}

/**
 * The benches the dashboard runs things on — its own (`instruments`) and those of `dashboard.benches` — each with one
 * slot, so that a bench does one thing at a time while several benches work at once. The run service and the
 * campaign service each keep one.
 */
export class BenchSlots<T extends { id: string }> {
  readonly #config: DvtConfig
  readonly #fleet: readonly FleetBench[]
  readonly #slots = new Map<string, BenchSlot<T>>()

  constructor(config: DvtConfig) {
    this.#config = config
    this.#fleet = fleetBenches(config)
  }

  /**
   * The bench a request names (`bench`, a name of `dashboard.benches`), or the dashboard's own when it names none or
   * names the own one; an unknown name is a 400 in one sentence.
   */
  target(name: string | undefined): BenchTarget<T> {
    if (name === undefined)
      return { key: OWN_BENCH, label: 'the bench', config: this.#config, slot: this.#slot(OWN_BENCH) }
    const bench = this.#fleet.find((b) => b.name === name)
    if (!bench) {
      const names = this.#fleet.map((b) => b.name).join(', ')
      throw new DashboardError(
        'DASHBOARD_BAD_REQUEST',
        `there is no bench "${name}" in this dashboard's fleet — the benches are ${names}`,
      )
    }
    const label = `bench ${bench.name}`
    if (isOwnBench(this.#config, bench))
      return { key: OWN_BENCH, label, config: this.#config, slot: this.#slot(OWN_BENCH) }
    return { key: bench.name, label, config: benchConfig(this.#config, bench), slot: this.#slot(bench.name) }
  }

  /** Whether `name` is a bench of a fleet of several (`dashboard.benches`). */
  inFleet(name: string | null): name is string {
    return this.#fleet.length > 1 && this.#fleet.some((b) => b.name === name)
  }

  /** What is on a bench (by key): the dashboard's own by default. */
  current(key = OWN_BENCH): T | null {
    return this.#slots.get(key)?.current ?? null
  }

  /** What is on every bench. */
  running(): T[] {
    return [...this.#slots.values()].flatMap((slot) => (slot.current ? [slot.current] : []))
  }

  /** The run or campaign with this ID, on whichever bench. */
  byId(id: string): T | undefined {
    return this.running().find((item) => item.id === id)
  }

  #slot(key: string): BenchSlot<T> {
    let slot = this.#slots.get(key)
    if (!slot) {
      slot = { current: null, starting: false }
      this.#slots.set(key, slot)
    }
    return slot
  }
}
