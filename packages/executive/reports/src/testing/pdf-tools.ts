import { execFileSync } from 'node:child_process'

/** Text of a PDF (or of one page) via poppler's pdftotext, layout kept. */
export function pdfText(file: string, page?: number): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)]
  return execFileSync('pdftotext', ['-layout', ...range, file, '-'], { encoding: 'utf8' })
}

/** Page count according to poppler's pdfinfo (an independent reader). */
export function pdfInfoPages(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' })
  const match = /^Pages:\s+(\d+)/m.exec(info)
  if (!match?.[1]) throw new Error(`pdfinfo printed no page count for ${file}`)
  return Number(match[1])
}
