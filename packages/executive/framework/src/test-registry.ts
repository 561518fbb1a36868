import { FrameworkError } from './framework-error'
import type { DvtTest } from './test-definition'

/** The tests a runner can run, by name. */
export interface TestRegistry {
  list(): readonly DvtTest[]
  has(name: string): boolean
  /** Throws FRAMEWORK_UNKNOWN_TEST listing the available tests. */
  get(name: string): DvtTest
}

export function createTestRegistry(tests: readonly DvtTest[]): TestRegistry {
  const byName = new Map<string, DvtTest>()
  for (const test of tests) {
    if (byName.has(test.name)) throw new FrameworkError('FRAMEWORK_BAD_TEST', `two tests are named "${test.name}"`)
    byName.set(test.name, test)
  }
  return {
    list: () => [...byName.values()],
    has: (name) => byName.has(name),
    get(name) {
      const test = byName.get(name)
      if (test) return test
      const names = [...byName.keys()].join(', ')
      throw new FrameworkError(
        'FRAMEWORK_UNKNOWN_TEST',
        `there is no test "${name}" — the available tests are ${names}`,
      )
    },
  }
}
