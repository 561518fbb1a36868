import type { DvtTest } from './test-definition'
import { createTestRegistry } from './test-registry'

/** The DVT test library (docs/tests.md). */
export const dvtTests: readonly DvtTest[] = []

/** A registry of the DVT test library. */
export const defaultRegistry = createTestRegistry(dvtTests)
