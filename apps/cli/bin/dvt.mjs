#!/usr/bin/env node
// The `dvt` command: runs the bundle that `npm run setup` (scripts/build.mjs) writes.
import { existsSync } from 'node:fs'

const bundle = new URL('../dist/dvt.mjs', import.meta.url)
if (!existsSync(bundle)) {
  console.error('dvt: the command is not built yet — run "npm run setup" in the repository root.')
  process.exit(1)
}
await import(bundle.href)
