import { readFile, stat } from 'node:fs/promises'
import { extname } from 'node:path'

const mimeTypes: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
}
const maxLogoBytes = 2 * 1024 * 1024

/** A logo file as a data URI, or why there is none (the report is then printed without a logo). */
export async function loadLogo(path: string): Promise<{ dataUri: string | null; warning: string | null }> {
  const mime = mimeTypes[extname(path).toLowerCase()]
  if (!mime) {
    return { dataUri: null, warning: `logo "${path}" is not a PNG, JPEG, GIF, WebP or SVG file; printing no logo` }
  }
  try {
    const info = await stat(path)
    if (!info.isFile()) return { dataUri: null, warning: `logo "${path}" is not a file; printing no logo` }
    if (info.size > maxLogoBytes) {
      return { dataUri: null, warning: `logo "${path}" is larger than 2 MB; printing no logo` }
    }
    const bytes = await readFile(path)
    return { dataUri: `data:${mime};base64,${bytes.toString('base64')}`, warning: null }
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read'
    return {
      dataUri: null,
      warning: `logo "${path}" ${reason}; printing no logo (check reporting.logo_path)`,
    }
  }
}
