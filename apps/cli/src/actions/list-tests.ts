import { defaultRegistry, describeParameters } from '@dvt/framework'

export function listTests(flags: { json?: boolean }): number {
  const tests = defaultRegistry.list()
  if (flags.json) {
    console.log(
      JSON.stringify(
        tests.map((t) => ({ name: t.name, description: t.description, parameters: describeParameters(t) })),
      ),
    )
    return 0
  }
  for (const test of tests) {
    console.log(`${test.name}\n  ${test.description}`)
    const schema = describeParameters(test)
    for (const [name, p] of Object.entries(schema.properties ?? {})) {
      const fallback = p.default === undefined ? '' : ` [default ${JSON.stringify(p.default)}]`
      console.log(`    --set ${name}=…${fallback}${typeof p.description === 'string' ? `  ${p.description}` : ''}`)
    }
    console.log('')
  }
  return 0
}
