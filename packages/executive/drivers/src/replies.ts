import type { DriverReply } from './driver-table'
import type { NumericWords } from './params'
import { parseNumber, parseNumberList } from './scpi-format'

function number(text: string): number {
  const value = parseNumber(text)
  if (Number.isNaN(value)) throw new RangeError(`"${text}" is not a number`)
  return value
}

/**
 * The reply types of a driver table (docs/scpi.md#response-formats). A reply that does not fit becomes a
 * `DRIVER_BAD_RESPONSE` naming the instrument and the line.
 */
export const r = {
  /** The response as it came. */
  text(): DriverReply<string> {
    return { parse: (text) => text }
  },
  /** A string response (`"LOT-A-003"`), unquoted and with doubled quotes undone (docs/scpi.md#response-formats). */
  string(): DriverReply<string> {
    return {
      parse(text) {
        const match = /^"((?:[^"]|"")*)"$/.exec(text.trim())
        if (!match) throw new RangeError(`"${text}" is not a quoted string`)
        return match[1]!.replaceAll('""', '"')
      },
    }
  },
  /** An NR1/NR2/NR3 number, or one of `words` (any case) given back as its value: `r.number({ max: 'MAX' })`. */
  number<const W extends NumericWords = Record<never, string>>(words?: W): DriverReply<number | keyof W> {
    const byWord = new Map(Object.entries(words ?? {}).map(([value, word]) => [word.toUpperCase(), value]))
    return { parse: (text) => (byWord.get(text.trim().toUpperCase()) as keyof W | undefined) ?? number(text) }
  },
  /** Comma-separated numbers (a multimeter's readings), every one a number. */
  numbers(): DriverReply<number[]> {
    return {
      parse(text) {
        const values = parseNumberList(text)
        if (values.some(Number.isNaN)) throw new RangeError(`"${text}" is not a list of numbers`)
        return values
      },
    }
  },
  /** Comma-separated booleans (`1,0,1`), one per channel of the list asked about (`ROUT:CLOS? (@101:103)`). */
  flags(): DriverReply<boolean[]> {
    return {
      parse(text) {
        const values = parseNumberList(text)
        if (values.some((v) => v !== 0 && v !== 1)) throw new RangeError(`"${text}" is not a list of 0 and 1`)
        return values.map((v) => v === 1)
      },
    }
  },
  /** A register value (NR1), decoded: `r.register((bits) => (bits & 1) === 1)`. */
  register<T>(decode: (bits: number) => T): DriverReply<T> {
    return { parse: (text) => decode(number(text)) }
  },
  /** A list of SCPI strings (`"A","B"`, a doubled quote inside one is one quote): a catalog query's answer. */
  strings(): DriverReply<string[]> {
    return {
      parse(text) {
        const trimmed = text.trim()
        if (trimmed === '') return []
        const items = trimmed.match(/"(?:[^"]|"")*"|'(?:[^']|'')*'/g) ?? []
        if (items.join(',') !== trimmed.replace(/\s*,\s*/g, ','))
          throw new RangeError(`"${text}" is not a list of strings`)
        return items.map((item) => item.slice(1, -1).replace(item[0] === '"' ? /""/g : /''/g, item[0]!))
      },
    }
  },
  /** One line of JSON. */
  json<T>(): DriverReply<T> {
    return { parse: (text) => JSON.parse(text) as T }
  },
  /** The `1` of `*OPC?`: the operation is complete (docs/scpi.md#overlapped-operations). */
  opc(): DriverReply<void> {
    return {
      parse(text) {
        if (text.trim() !== '1') throw new RangeError(`"${text}" is not the 1 of *OPC?`)
      },
    }
  },
}
