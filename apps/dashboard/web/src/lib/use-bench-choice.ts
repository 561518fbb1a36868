import type { BenchInfo } from '../../../src/schemas/messages'
import { navigate, useSearchParam } from './router'
import { useBenches } from './use-live'

/**
 * The bench a page (`/live`, `/tests`, `/campaigns`) is about: `?bench=<name>` when it names one of the fleet, else the first (the
 * local bench); null before the dashboard has said which benches it follows. Choosing another puts it in the address,
 * so a Fleet card can link to it and a reload keeps it.
 */
export function useBenchChoice(page: '/live' | '/tests' | '/campaigns'): {
  benches: BenchInfo[]
  bench: BenchInfo | null
  choose: (name: string) => void
} {
  const benches = useBenches()
  const asked = useSearchParam('bench')
  const bench = benches.find((b) => b.name === asked) ?? benches[0] ?? null
  const choose = (name: string) => navigate(`${page}?bench=${encodeURIComponent(name)}`)
  return { benches, bench, choose }
}
