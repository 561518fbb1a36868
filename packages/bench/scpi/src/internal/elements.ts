import { ScpiExecutionError } from '../scpi-errors'

/** One lexed parameter (program data element, IEEE 488.2 §7.7). */
export type ParamElement =
  | { readonly kind: 'number'; readonly value: number; readonly suffix: string; readonly text: string }
  | { readonly kind: 'word'; readonly upper: string; readonly text: string }
  | { readonly kind: 'string'; readonly value: string; readonly text: string }
  | { readonly kind: 'expression'; readonly inner: string; readonly text: string }

/** Character codes the scanners compare against. */
export const TAB = 9
export const SPACE = 32
export const DQUOTE = 34
export const HASH = 35
export const SQUOTE = 39
export const LPAREN = 40
export const RPAREN = 41
export const STAR = 42
export const PLUS = 43
export const COMMA = 44
export const MINUS = 45
export const DOT = 46
export const SLASH = 47
export const COLON = 58
export const SEMICOLON = 59
export const QUESTION = 63
export const PERCENT = 37
export const UNDERSCORE = 95

export function isSpace(c: number): boolean {
  return c === SPACE || c === TAB
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

export function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
}

/** −101 for control or non-ASCII characters, −102 for printable characters that do not belong here. */
export function badCharCode(c: number): -101 | -102 {
  return c < 32 || c > 126 ? -101 : -102
}

/** Index of the `;` ending the unit that contains `pos` (or the line length), skipping quotes and parentheses. */
export function findUnitEnd(line: string, pos: number): number {
  let depth = 0
  for (let i = pos; i < line.length; i++) {
    const c = line.charCodeAt(i)
    if (c === DQUOTE || c === SQUOTE) {
      const close = line.indexOf(line[i]!, i + 1)
      if (close < 0) return line.length
      i = close
    } else if (c === LPAREN) depth++
    else if (c === RPAREN) depth = Math.max(0, depth - 1)
    else if (c === SEMICOLON && depth === 0) return i
  }
  return line.length
}

export interface LexResult {
  readonly elements: ParamElement[]
  /** Index of the `;` or end of line that ended the unit. */
  readonly end: number
}

/**
 * Lexes the parameters of one program message unit, starting after the header's white space.
 * Throws {@link ScpiExecutionError} with the standard code on malformed data.
 */
export function lexElements(line: string, start: number): LexResult {
  const elements: ParamElement[] = []
  let pos = start
  for (;;) {
    pos = skipSpace(line, pos)
    const c = line.charCodeAt(pos)
    if (pos >= line.length || c === SEMICOLON || c === COMMA) throw new ScpiExecutionError(-102, 'empty parameter')
    const [element, next] = lexElement(line, pos)
    elements.push(element)
    pos = skipSpace(line, next)
    if (pos >= line.length || line.charCodeAt(pos) === SEMICOLON) return { elements, end: pos }
    if (line.charCodeAt(pos) !== COMMA) throw new ScpiExecutionError(-103)
    pos++
  }
}

function skipSpace(line: string, pos: number): number {
  let p = pos
  while (p < line.length && isSpace(line.charCodeAt(p))) p++
  return p
}

function lexElement(line: string, pos: number): [ParamElement, number] {
  const c = line.charCodeAt(pos)
  if (c === DQUOTE || c === SQUOTE) return lexString(line, pos)
  if (c === LPAREN) return lexExpression(line, pos)
  if (c === HASH) return lexNonDecimal(line, pos)
  if (isDigit(c) || c === PLUS || c === MINUS || c === DOT) return lexNumber(line, pos)
  if (isLetter(c)) {
    let end = pos + 1
    while (end < line.length) {
      const d = line.charCodeAt(end)
      if (!isLetter(d) && !isDigit(d) && d !== UNDERSCORE) break
      end++
    }
    const text = line.slice(pos, end)
    return [{ kind: 'word', upper: text.toUpperCase(), text }, end]
  }
  throw new ScpiExecutionError(badCharCode(c))
}

function lexString(line: string, pos: number): [ParamElement, number] {
  const quote = line[pos]!
  let value = ''
  let from = pos + 1
  for (;;) {
    const close = line.indexOf(quote, from)
    if (close < 0) throw new ScpiExecutionError(-151, 'unterminated string')
    value += line.slice(from, close)
    if (line[close + 1] === quote) {
      value += quote
      from = close + 2
      continue
    }
    return [{ kind: 'string', value, text: line.slice(pos, close + 1) }, close + 1]
  }
}

function lexExpression(line: string, pos: number): [ParamElement, number] {
  let depth = 0
  for (let i = pos; i < line.length; i++) {
    const c = line.charCodeAt(i)
    if (c === LPAREN) depth++
    else if (c === RPAREN && --depth === 0) {
      return [{ kind: 'expression', inner: line.slice(pos + 1, i), text: line.slice(pos, i + 1) }, i + 1]
    }
  }
  throw new ScpiExecutionError(-102, 'unbalanced parenthesis')
}

const RADIX: Record<string, [number, RegExp]> = {
  H: [16, /^[0-9A-F]+$/i],
  Q: [8, /^[0-7]+$/],
  B: [2, /^[01]+$/],
}

/** IEEE 488.2 non-decimal numerics `#HFF`, `#Q17`, `#B101`. */
function lexNonDecimal(line: string, pos: number): [ParamElement, number] {
  const radix = RADIX[(line[pos + 1] ?? '').toUpperCase()]
  if (!radix) throw new ScpiExecutionError(-104, 'block data is not supported')
  let end = pos + 2
  while (end < line.length && (isLetter(line.charCodeAt(end)) || isDigit(line.charCodeAt(end)))) end++
  const digits = line.slice(pos + 2, end)
  if (!radix[1].test(digits)) throw new ScpiExecutionError(-120)
  const text = line.slice(pos, end)
  return [{ kind: 'number', value: Number.parseInt(digits, radix[0]), suffix: '', text }, end]
}

function scanDigits(line: string, pos: number): number {
  let p = pos
  while (p < line.length && isDigit(line.charCodeAt(p))) p++
  return p
}

/** NRf (`5`, `+5`, `.5`, `5.`, `-1.5E-3`) followed by an optional suffix (`500mV`, `5 V`). */
function lexNumber(line: string, pos: number): [ParamElement, number] {
  let p = pos
  const first = line.charCodeAt(p)
  if (first === PLUS || first === MINUS) p++
  const intEnd = scanDigits(line, p)
  let end = intEnd
  let digits = intEnd - p
  if (line.charCodeAt(end) === DOT) {
    const fracEnd = scanDigits(line, end + 1)
    digits += fracEnd - end - 1
    end = fracEnd
  }
  if (digits === 0) throw new ScpiExecutionError(-120, 'number without digits')
  const e = line.charCodeAt(end)
  if (e === 69 || e === 101) {
    const s = line.charCodeAt(end + 1)
    const expStart = s === PLUS || s === MINUS ? end + 2 : end + 1
    const expEnd = scanDigits(line, expStart)
    if (expEnd > expStart) end = expEnd
  }
  const after = line.charCodeAt(end)
  if (after === DOT || after === PLUS || after === MINUS || isDigit(after)) throw new ScpiExecutionError(-120)
  const value = Number(line.slice(pos, end))
  if (!Number.isFinite(value)) throw new ScpiExecutionError(-120, 'exponent too large')
  const numberEnd = end
  let q = skipSpace(line, end)
  if (q < line.length && isLetter(line.charCodeAt(q))) {
    const suffixStart = q
    while (q < line.length && (isLetter(line.charCodeAt(q)) || line.charCodeAt(q) === SLASH)) q++
    return [{ kind: 'number', value, suffix: line.slice(suffixStart, q).toUpperCase(), text: line.slice(pos, q) }, q]
  }
  return [{ kind: 'number', value, suffix: '', text: line.slice(pos, numberEnd) }, numberEnd]
}
