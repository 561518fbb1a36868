// PostgreSQL's binary COPY format (https://www.postgresql.org/docs/15/sql-copy.html, "Binary Format"): a signature,
// flags and header-extension length, then per tuple a field count and each field as a length and its bytes (-1 for
// NULL), then a -1 trailer. Values are in the types' binary send forms: text as UTF-8, int4 big-endian, bytea raw.

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1')

export type CopyField = { text: string } | { int4: number } | { bytes: Uint8Array } | null

/** Encodes tuples for `COPY … FROM STDIN (FORMAT binary)`. */
export function encodeCopyBinary(tuples: readonly (readonly CopyField[])[]): Buffer {
  const parts: Buffer[] = [SIGNATURE, Buffer.alloc(8)]
  for (const tuple of tuples) {
    const count = Buffer.alloc(2)
    count.writeInt16BE(tuple.length)
    parts.push(count)
    for (const field of tuple) parts.push(...encodeField(field))
  }
  const trailer = Buffer.alloc(2)
  trailer.writeInt16BE(-1)
  parts.push(trailer)
  return Buffer.concat(parts)
}

function encodeField(field: CopyField): Buffer[] {
  const length = Buffer.alloc(4)
  if (field === null) {
    length.writeInt32BE(-1)
    return [length]
  }
  let body: Buffer
  if ('text' in field) body = Buffer.from(field.text, 'utf8')
  else if ('int4' in field) {
    body = Buffer.alloc(4)
    body.writeInt32BE(field.int4)
  } else body = Buffer.from(field.bytes.buffer, field.bytes.byteOffset, field.bytes.byteLength)
  length.writeInt32BE(body.length)
  return [length, body]
}

/**
 * Decodes the tuples of `COPY … TO STDOUT (FORMAT binary)` whose fields are all int4 or bytea: each field comes back
 * as its raw bytes (null for NULL).
 */
export function decodeCopyBinary(data: Buffer): (Buffer | null)[][] {
  if (!data.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new Error('not a binary COPY stream')
  let at = SIGNATURE.length + 4
  at += 4 + data.readInt32BE(at)
  const tuples: (Buffer | null)[][] = []
  for (;;) {
    const count = data.readInt16BE(at)
    at += 2
    if (count === -1) return tuples
    const tuple: (Buffer | null)[] = []
    for (let f = 0; f < count; f++) {
      const length = data.readInt32BE(at)
      at += 4
      if (length === -1) tuple.push(null)
      else {
        tuple.push(data.subarray(at, at + length))
        at += length
      }
    }
    tuples.push(tuple)
  }
}
