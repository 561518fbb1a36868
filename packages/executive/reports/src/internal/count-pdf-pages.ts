/**
 * Pages of a PDF written by Chromium: its page objects (`/Type /Page`, not the `/Type /Pages` tree nodes).
 * Chromium (Skia) writes object dictionaries uncompressed, so a byte scan is exact for its output.
 */
export function countPdfPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1')
  return text.match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0
}
