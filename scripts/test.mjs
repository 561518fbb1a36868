#!/usr/bin/env node
// `npm test`: set-up, then typecheck, lint and every vitest test. Ends with "N passed, N failed".
// Typecheck and lint count as one check each, so a type or lint error fails the run visibly.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
// npm_config_nodedir: should anything rebuild better-sqlite3, node-gyp must use the local headers.
const env = {
  ...process.env,
  NO_COLOR: '1',
  FORCE_COLOR: '0',
  npm_config_nodedir: process.env.npm_config_nodedir ?? '/usr',
}
// Tools are run from node_modules/.bin directly: "pnpm exec" may decide to re-install first.
const bin = (name) => join(root, 'node_modules', '.bin', name)
const extraArgs = process.argv.slice(2)

function step(name, cmd, args) {
  console.log(`\n== ${name}: ${cmd} ${args.join(' ')}`)
  const result = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, env })
  return result.status === 0
}

if (!step('setup', 'node', ['scripts/setup.mjs'])) {
  console.log('\n0 passed, 1 failed')
  process.exit(1)
}

let passed = 0
let failed = 0
const failures = []
const count = (name, ok) => {
  if (ok) passed++
  else {
    failed++
    failures.push(name)
  }
}

count('typecheck', step('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']))
count('lint', step('lint', bin('biome'), ['check', '.']))

const report = join(root, 'node_modules', '.vitest-report.json')
rmSync(report, { force: true })
const vitestOk = step('tests', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...extraArgs,
])
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'))
  passed += json.numPassedTests ?? 0
  failed += json.numFailedTests ?? 0
  for (const file of json.testResults ?? []) {
    for (const test of file.assertionResults ?? []) if (test.status === 'failed') failures.push(test.fullName)
    // A file that fails to load has no assertions but still fails the run.
    if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) {
      failed++
      failures.push(`${file.name} (did not load: ${String(file.message ?? '').split('\n')[0]})`)
    }
  }
  if (!vitestOk && (json.numFailedTests ?? 0) === 0 && failures.length === 0) count('vitest run', false)
} else {
  count('vitest run (no report written)', false)
}

if (failures.length > 0) {
  console.log('\nFailed:')
  for (const name of failures) console.log(`  - ${name}`)
}
console.log(`\n${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
