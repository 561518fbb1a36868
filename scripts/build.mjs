#!/usr/bin/env node
import { spawnSync } from 'node:child_process'
// Builds what is not run from TypeScript sources: the `dvt` bundle and the dashboard's web app.
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { isBuiltin } from 'node:module'
import { join, resolve } from 'node:path'
import { build } from 'esbuild'
import { workspacePackageDirs } from './workspace.mjs'

const root = resolve(import.meta.dirname, '..')

/**
 * Small pure-JS packages every command loads: bundled, because resolving and loading their hundreds of module
 * files costs more than the commands themselves (`dvt list-runs`: 158 → ~110 ms). visx (with the d3 modules it
 * vendors) likewise for the reports' charts: hundreds of ESM files, of which a report needs a few.
 */
const INLINED = new Set(['zod', 'yaml', 'commander', '@visx/axis', '@visx/grid', '@visx/scale', '@visx/shape'])

/** Every npm dependency of the workspace: left to Node at run time (apps/cli declares each one). */
function npmDependencies() {
  const names = new Set()
  for (const dir of workspacePackageDirs(root)) {
    if (dir.startsWith('test/')) continue
    const { dependencies = {} } = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'))
    for (const name of Object.keys(dependencies)) if (!name.startsWith('@dvt/')) names.add(name)
  }
  return [...names]
}

// Old chunks would pile up: start from an empty output folder.
rmSync(join(root, 'apps/cli/dist'), { recursive: true, force: true })
const result = await build({
  entryPoints: [join(root, 'apps/cli/src/main.ts')],
  outdir: join(root, 'apps/cli/dist'),
  entryNames: 'dvt',
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  // Each command's implementation is a chunk loaded when it runs (apps/cli/src/lazy.ts).
  splitting: true,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  conditions: ['@dvt/source'],
  // Bundle the workspace's own TypeScript; leave npm packages (native addons among them) to Node.
  external: npmDependencies().filter((name) => !INLINED.has(name)),
  sourcemap: true,
  metafile: true,
  logLevel: 'warning',
  banner: {
    js: "import { createRequire as __dvtCreateRequire } from 'node:module'; const require = __dvtCreateRequire(import.meta.url);",
  },
})

// The bundle resolves npm packages from apps/cli: pnpm only lets a package see its own dependencies.
const cliDependencies = Object.keys(JSON.parse(readFileSync(join(root, 'apps/cli/package.json'), 'utf8')).dependencies)
const imported = new Set()
for (const output of Object.values(result.metafile.outputs)) {
  for (const { path, external } of output.imports) {
    if (!external || isBuiltin(path)) continue
    imported.add(path.startsWith('@') ? path.split('/').slice(0, 2).join('/') : path.split('/')[0])
  }
}
const undeclared = [...imported].filter((name) => !cliDependencies.includes(name))
if (undeclared.length > 0) {
  console.error(`build: add ${undeclared.join(', ')} to apps/cli/package.json dependencies ("catalog:")`)
  process.exit(1)
}

// The web app is built with the dashboard's own Vite (pnpm keeps it out of the root's reach).
const dashboard = join(root, 'apps/dashboard')
if (existsSync(join(dashboard, 'vite.config.ts'))) {
  const vite = spawnSync('pnpm', ['exec', 'vite', 'build', '--logLevel', 'warn'], { cwd: dashboard, stdio: 'inherit' })
  if (vite.status !== 0) process.exit(vite.status ?? 1)
}
