// The workspace's package folders, from the globs in pnpm-workspace.yaml (one place says where packages live).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** Globs of the `packages:` list, e.g. `packages/*\/*`, `apps/*`. */
function workspaceGlobs(root) {
  const text = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8')
  const block = text.split(/^packages:\s*$/m)[1] ?? ''
  const globs = []
  for (const line of block.split('\n')) {
    const item = line.match(/^\s+-\s+['"]?([^'"#\s]+)['"]?/)
    if (item) globs.push(item[1])
    else if (line.trim() !== '' && !line.trim().startsWith('#')) break
  }
  return globs
}

function expand(root, segments, prefix = '') {
  if (segments.length === 0) return [prefix]
  const [head, ...rest] = segments
  if (head !== '*') return expand(root, rest, prefix ? `${prefix}/${head}` : head)
  const dir = join(root, prefix)
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((name) => name !== 'node_modules' && !name.startsWith('.') && statSync(join(dir, name)).isDirectory())
    .sort()
    .flatMap((name) => expand(root, rest, `${prefix}/${name}`))
}

/** Every folder (relative to `root`) holding a workspace package.json. */
export function workspacePackageDirs(root) {
  return workspaceGlobs(root)
    .flatMap((glob) => expand(root, glob.split('/')))
    .filter((dir) => existsSync(join(root, dir, 'package.json')))
}
