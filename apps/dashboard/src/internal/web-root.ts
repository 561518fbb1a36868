import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Where `vite build` wrote the web app (`apps/dashboard/dist/web`), found by walking up from this module: from the
 * TypeScript sources (apps/dashboard/src/internal) and from the `dvt` bundle's chunks (apps/cli/dist/chunks)
 * alike. Falls back to the working directory's `apps/dashboard/dist/web`.
 */
export function defaultWebRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let depth = 0; depth < 6; depth++) {
    for (const candidate of [
      join(dir, 'dist/web'),
      join(dir, 'dashboard/dist/web'),
      join(dir, 'apps/dashboard/dist/web'),
    ]) {
      if (existsSync(join(candidate, 'index.html'))) return candidate
    }
    dir = dirname(dir)
  }
  return join(process.cwd(), 'apps/dashboard/dist/web')
}
