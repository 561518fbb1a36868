import { benchConfig, type DvtConfig, type FleetBench, isOwnBench } from '@dvt/config'
import { DashboardError } from '../errors'

/** The key of the dashboard's own bench (`instruments`) among the benches it runs things on. */
export const OWN_BENCH = ''

/** Where a run or campaign of the dashboard goes: which bench (its key), how messages name it, and its config. */
export interface BenchTarget {
  key: string
  label: string
  config: DvtConfig
}

/**
 * The bench a request names (`bench`, a name of `dashboard.benches`), or the dashboard's own when it names none or
 * names the own one; an unknown name is a 400 in one sentence.
 */
export function benchTarget(config: DvtConfig, fleet: readonly FleetBench[], name: string | undefined): BenchTarget {
  if (name === undefined) return { key: OWN_BENCH, label: 'the bench', config }
  const bench = fleet.find((b) => b.name === name)
  if (!bench) {
    throw new DashboardError(
      'DASHBOARD_BAD_REQUEST',
      `there is no bench "${name}" in this dashboard's fleet — the benches are ${fleet.map((b) => b.name).join(', ')}`,
    )
  }
  const label = `bench ${bench.name}`
  if (isOwnBench(config, bench)) return { key: OWN_BENCH, label, config }
  return { key: bench.name, label, config: benchConfig(config, bench) }
}
