import { existsSync, readFileSync } from 'node:fs'
import { isBuiltin } from 'node:module'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, type Plugin } from 'esbuild'
import { describe, expect, it } from 'vitest'

/** The web app's folder: entries resolve from there as they do in its Vite build. */
const webRoot = fileURLToPath(new URL('../web', import.meta.url))

/** Packages whose only job is loading a compiled addon: depending on one means native code. */
const ADDON_LOADERS = new Set(['bindings', 'node-gyp-build', 'prebuild-install', 'node-addon-api', 'nan'])

/** The npm package a bundled file belongs to (its name and folder), or null for workspace sources. */
function packageOf(file: string): { name: string; dir: string } | null {
  const marker = '/node_modules/'
  const at = file.lastIndexOf(marker)
  if (at < 0) return null
  const parts = file.slice(at + marker.length).split('/')
  const name = parts[0]?.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? '')
  return { name, dir: file.slice(0, at + marker.length) + name }
}

function hasNativeCode(dir: string): boolean {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    gypfile?: boolean
    dependencies?: Record<string, string>
  }
  return (
    pkg.gypfile === true ||
    existsSync(join(dir, 'binding.gyp')) ||
    Object.keys(pkg.dependencies ?? {}).some((name) => ADDON_LOADERS.has(name))
  )
}

/**
 * Bundles `source` (resolved from `dir`) for the browser and lists what only Node can load: Node built-ins
 * (`node:fs`), compiled addons (`*.node`) and npm packages with native code (`better-sqlite3 (native)`).
 */
async function nodeOnlyImports(source: string, dir = webRoot): Promise<string[]> {
  const found = new Set<string>()
  const spot: Plugin = {
    name: 'spot-node-only',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (isBuiltin(args.path)) found.add(args.path.startsWith('node:') ? args.path : `node:${args.path}`)
        else if (args.path.endsWith('.node')) found.add(args.path)
        else return undefined
        return { path: args.path, external: true }
      })
    },
  }
  const result = await build({
    stdin: { contents: source, resolveDir: dir, loader: 'js' },
    absWorkingDir: dir,
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    conditions: ['@dvt/source'],
    metafile: true,
    logLevel: 'silent',
    plugins: [spot],
  })
  // Metafile inputs are relative to absWorkingDir.
  for (const input of Object.keys(result.metafile.inputs)) {
    const pkg = packageOf(resolve(dir, input))
    if (pkg && hasNativeCode(pkg.dir)) found.add(`${pkg.name} (native)`)
  }
  return [...found].sort()
}

describe('the entries the web app imports are browser-safe', () => {
  it.each(['@dvt/framework/run-state', '@dvt/storage/records', '@dvt/protocol', '@dvt/charts'])(
    '%s bundles for the browser with nothing from node: or native packages',
    async (entry) => {
      expect(await nodeOnlyImports(`export * from '${entry}'`)).toEqual([])
    },
  )

  it('would notice a node: module or a native package (as the storage package itself uses)', async () => {
    const storageDir = fileURLToPath(new URL('../../../packages/executive/storage', import.meta.url))
    const source = "export { default as Database } from 'better-sqlite3'\nexport { readFileSync } from 'fs'"
    expect(await nodeOnlyImports(source, storageDir)).toEqual(
      expect.arrayContaining(['better-sqlite3 (native)', 'node:fs']),
    )
  })
})
