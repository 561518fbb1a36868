#!/usr/bin/env node
// `pnpm bench [name…]`: runs bench/<name>.ts (all of them without a name) from TypeScript sources.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const available = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.ts') && !f.startsWith('_'))
  .map((f) => f.slice(0, -3))
const names = process.argv.slice(2).filter((a) => !a.startsWith('-'))
for (const name of names) {
  if (!existsSync(join(root, 'bench', `${name}.ts`))) {
    console.error(`bench: no benchmark named "${name}"; available: ${available.join(', ')}`)
    process.exit(1)
  }
}
let status = 0
for (const name of names.length > 0 ? names : available) {
  console.log(`\n== bench ${name}`)
  const r = spawnSync(
    join(root, 'node_modules', '.bin', 'tsx'),
    ['--conditions=@dvt/source', join('bench', `${name}.ts`)],
    {
      stdio: 'inherit',
      cwd: root,
    },
  )
  if (r.status !== 0) status = 1
}
process.exit(status)
