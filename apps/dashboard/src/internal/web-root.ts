import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Where `vite build` wrote the web app. From the TypeScript sources that is `../dist/web`; from the `dvt`
 * bundle (apps/cli/dist/dvt.mjs) it is `../../dashboard/dist/web`. The first that exists wins.
 */
export function defaultWebRoot(): string {
  const candidates = [
    fileURLToPath(new URL('../../dist/web', import.meta.url)),
    fileURLToPath(new URL('../../dashboard/dist/web', import.meta.url)),
    join(process.cwd(), 'apps/dashboard/dist/web'),
  ]
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[0]!
}
