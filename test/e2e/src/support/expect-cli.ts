import { expect } from 'vitest'
import type { DvtResult } from './dvt-process'

/** A stack trace's first frame: never shown to the person at the terminal. */
export const NO_STACK = /\n\s+at /

/** One sentence on stderr starting `dvt: `, nothing on stdout, a non-zero exit and no stack trace. */
export function expectOneSentence(r: DvtResult, pattern: RegExp): void {
  expect(r.code).not.toBe(0)
  expect(r.code).not.toBeNull()
  expect(r.stdout).toBe('')
  expect(r.stderr.trim().split('\n')).toHaveLength(1)
  expect(r.stderr).toMatch(/^dvt: /)
  expect(r.stderr).toMatch(pattern)
  expect(r.stderr).not.toMatch(NO_STACK)
}
