/** Mains frequency the bench integrates over: one power-line cycle is 1/50 s (docs/scpi.md#multimeter). */
export const MAINS_HZ = 50

/** How long `samples` readings at `nplc` integrate, s: NPLC power-line cycles of 50 Hz mains each. */
export function integrationTimeS(nplc: number, samples = 1): number {
  return (nplc / MAINS_HZ) * samples
}
