import type { z } from 'zod'

type Issue = z.core.$ZodIssue

function describeIssue(issue: Issue): string {
  switch (issue.code) {
    case 'too_big':
      return `must be ${issue.inclusive === false ? 'less than' : 'at most'} ${String(issue.maximum)}`
    case 'too_small':
      if (issue.origin === 'string') return 'must not be empty'
      return `must be ${issue.inclusive === false ? 'more than' : 'at least'} ${String(issue.minimum)}`
    case 'invalid_type':
      return issue.message.endsWith('received undefined') ? 'is required' : `must be a ${issue.expected}`
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`
    default:
      return issue.message.replace(/^Invalid input: /, '')
  }
}

/** One sentence for the first problem zod found, naming the field: `control: "setpoint_c" must be at most 200`. */
export function describeZodError(error: z.ZodError, what = 'the request'): string {
  const issue = error.issues[0]
  if (!issue) return `${what} is not valid`
  if (issue.code === 'unrecognized_keys') return `${what} has unknown field(s): ${issue.keys.join(', ')}`
  const path = issue.path.map(String).join('.')
  return path ? `${what}: "${path}" ${describeIssue(issue)}` : `${what} ${describeIssue(issue)}`
}
