import { integrationTimeS } from '../integration-time'

/** The transport's usual margin, on top of the integration time. */
const BASE_TIMEOUT_MS = 5000
/** Allowance per second of integration: a reading at speed 1 takes its integration time in wall time, and more. */
const MS_PER_INTEGRATION_S = 2000

/**
 * A long enough wall-clock limit for readings that integrate: `readings` readings of `nplc` power-line cycles each
 * take `readings · nplc / 50` s of simulated time, which is wall time at speed 1 and on real hardware.
 */
export function readingTimeoutMs(nplc: number, readings: number): number {
  return BASE_TIMEOUT_MS + MS_PER_INTEGRATION_S * integrationTimeS(nplc, readings)
}
