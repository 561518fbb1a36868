import { describe, expect, it } from 'vitest'
import { sampleRows } from '../testing/temp-storage'
import { columnsToRows, emptyColumns } from './measurement-columns'
import { decodeBatches, decodeBatchInto, encodeBatch } from './staging-codec'

describe('staging codec', () => {
  it('round-trips rows, nulls and non-ASCII strings', () => {
    const rows = sampleRows(50).map((r, i) => ({ ...r, parameter: i === 3 ? 'Δv_out' : r.parameter, value: -r.value }))
    const out = emptyColumns(50)
    expect(decodeBatchInto(encodeBatch(rows), out, 0)).toBe(50)
    expect(columnsToRows(out)).toEqual(rows)
  })

  it('decodes a blob that does not start on an 8-byte boundary', () => {
    const rows = sampleRows(9)
    const blob = encodeBatch(rows)
    const shifted = new Uint8Array(blob.length + 3)
    shifted.set(blob, 3)
    const out = decodeBatches([{ rowCount: 9, batch: shifted.subarray(3) }])
    expect(columnsToRows(out)).toEqual(rows)
  })

  it('decodes a Node Buffer view at an odd offset (what a binary COPY hands back)', () => {
    const rows = sampleRows(5)
    const blob = encodeBatch(rows)
    const copy = Buffer.alloc(blob.length + 5)
    copy.set(blob, 5)
    expect(columnsToRows(decodeBatches([{ rowCount: 5, batch: copy.subarray(5) }]))).toEqual(rows)
  })

  it('concatenates batches in order', () => {
    const a = sampleRows(4)
    const b = sampleRows(3, 4)
    const out = decodeBatches([
      { rowCount: 4, batch: encodeBatch(a) },
      { rowCount: 3, batch: encodeBatch(b) },
    ])
    expect(columnsToRows(out)).toEqual([...a, ...b])
  })

  it('refuses a blob of an unknown format', () => {
    const blob = encodeBatch(sampleRows(1))
    blob[0] = 9
    expect(() => decodeBatchInto(blob, emptyColumns(1), 0)).toThrow(/unknown staging batch format 9/)
  })
})
