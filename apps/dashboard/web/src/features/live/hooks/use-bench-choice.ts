import { navigate, useSearchParam } from '../../../lib/router'
import { useBenches } from '../../../lib/use-live'

/**
 * The bench the Live page shows: `?bench=<name>` when it names one of the fleet, else the first (the local bench).
 * Choosing another puts it in the address, so a Fleet card can link to it and a reload keeps it.
 */
export function useBenchChoice(): { benches: string[]; bench: string | null; choose: (name: string) => void } {
  const benches = useBenches().map((b) => b.name)
  const asked = useSearchParam('bench')
  const bench = asked !== null && benches.includes(asked) ? asked : (benches[0] ?? null)
  const choose = (name: string) => navigate(`/live?bench=${encodeURIComponent(name)}`)
  return { benches, bench, choose }
}
