import type { z } from 'zod'

/** What a zod issue asks for, in words: `must be a number ≥ 0`, `must be one of "ldo"`. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${article(issue.expected)}`
    case 'too_small':
      if (issue.origin === 'string') return `must be at least ${issue.minimum} characters`
      if (issue.origin === 'array')
        return `must have at least ${issue.minimum} ${issue.minimum === 1 ? 'entry' : 'entries'}`
      if (issue.minimum === 0 && !issue.inclusive) return 'must be a positive number'
      return `must be a number ${issue.inclusive ? '≥' : '>'} ${issue.minimum}`
    case 'too_big':
      if (issue.origin === 'array') return `must have at most ${issue.maximum} entries`
      return `must be a number ${issue.inclusive ? '≤' : '<'} ${issue.maximum}`
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`
    default:
      return issue.message
  }
}

function article(expected: string): string {
  if (expected === 'int') return 'a whole number'
  if (expected === 'boolean') return 'true or false'
  if (expected === 'object') return 'a section (a mapping of keys)'
  if (expected === 'array') return 'a list'
  return `a ${expected}`
}
