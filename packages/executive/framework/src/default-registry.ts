import { dropoutTest } from './library/dropout'
import { iqVsTempTest } from './library/iq-vs-temp'
import { lineRegulationTest } from './library/line-regulation'
import { loadRegulationTest } from './library/load-regulation'
import { outputVoltageTest } from './library/output-voltage'
import { quiescentCurrentTest } from './library/quiescent-current'
import { tempcoTest } from './library/tempco'
import type { DvtTest } from './test-definition'
import { createTestRegistry } from './test-registry'

/** The DVT test library (docs/tests.md). */
export const dvtTests: readonly DvtTest[] = [
  tempcoTest,
  loadRegulationTest,
  lineRegulationTest,
  dropoutTest,
  iqVsTempTest,
  outputVoltageTest,
  quiescentCurrentTest,
]

/** A registry of the DVT test library. */
export const defaultRegistry = createTestRegistry(dvtTests)
