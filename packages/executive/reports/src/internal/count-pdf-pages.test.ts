import { describe, expect, it } from 'vitest'
import { countPdfPages } from './count-pdf-pages'

describe('countPdfPages', () => {
  it('counts page objects, not the page tree nodes', () => {
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj <</Type /Pages /Kids [2 0 R 3 0 R] /Count 2>> endobj\n' +
        '2 0 obj <</Type /Page /Parent 1 0 R>> endobj\n3 0 obj <</Type/Page/Parent 1 0 R>> endobj\n%%EOF',
      'latin1',
    )
    expect(countPdfPages(pdf)).toBe(2)
    expect(countPdfPages(Buffer.from('not a pdf'))).toBe(0)
  })
})
