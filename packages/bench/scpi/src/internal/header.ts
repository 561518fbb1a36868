import {
  badCharCode,
  COLON,
  COMMA,
  isDigit,
  isLetter,
  isSpace,
  PERCENT,
  QUESTION,
  SEMICOLON,
  STAR,
  UNDERSCORE,
} from './elements'
import { MAX_MNEMONIC } from './pattern'

/** Most mnemonics a header (plus the current path) may have. */
export const MAX_DEPTH = 16

/**
 * A scanned program header, as index ranges into the line (no substrings: this is the hot path).
 * One instance per session, overwritten by every unit.
 */
export class HeaderScan {
  count = 0
  readonly nameStart = new Int32Array(MAX_DEPTH)
  readonly nameEnd = new Int32Array(MAX_DEPTH)
  /** Numeric suffix per mnemonic, −1 when omitted. */
  readonly suffix = new Int32Array(MAX_DEPTH)
  absolute = false
  common = false
  query = false
  /** Index just after the header (white space, `;` or end of line). */
  end = 0
}

function isMnemonicChar(c: number): boolean {
  return isLetter(c) || c === UNDERSCORE || c === PERCENT
}

function trailerError(c: number): number {
  if (c === COMMA) return -103
  if (isLetter(c) || isDigit(c) || c === UNDERSCORE || c === QUESTION || c === STAR) return -102
  return badCharCode(c)
}

/** Scans the mnemonic at `pos` into slot `h.count`; returns the index after it, or a negative error code. */
function scanMnemonic(line: string, pos: number, h: HeaderScan): number {
  const c = line.charCodeAt(pos)
  if (!isMnemonicChar(c)) return pos >= line.length || isSpace(c) || c === SEMICOLON ? -102 : trailerError(c)
  let p = pos + 1
  while (p < line.length && isMnemonicChar(line.charCodeAt(p))) p++
  const nameEnd = p
  let suffix = -1
  while (p < line.length && isDigit(line.charCodeAt(p))) {
    suffix = (suffix < 0 ? 0 : Math.min(suffix, 1e8) * 10) + line.charCodeAt(p) - 48
    p++
  }
  if (p - pos > MAX_MNEMONIC) return -112
  if (h.count >= MAX_DEPTH) return -113
  h.nameStart[h.count] = pos
  h.nameEnd[h.count] = nameEnd
  h.suffix[h.count] = suffix
  h.count++
  return p
}

function scanCommon(line: string, pos: number, h: HeaderScan): number {
  let p = pos + 1
  while (p < line.length && isLetter(line.charCodeAt(p))) p++
  if (p === pos + 1) return -102
  h.nameStart[0] = pos
  h.nameEnd[0] = p
  h.suffix[0] = -1
  h.count = 1
  h.common = true
  return p
}

/**
 * Scans a header starting at `pos` (leading white space already skipped). Returns 0, or a SCPI error code
 * (−102 syntax, −103 separator, −101 invalid character, −112 mnemonic too long, −113).
 */
export function scanHeader(line: string, pos: number, h: HeaderScan): number {
  h.count = 0
  h.common = false
  h.query = false
  let p = pos
  h.absolute = line.charCodeAt(p) === COLON
  if (h.absolute) p++
  if (line.charCodeAt(p) === STAR) p = scanCommon(line, p, h)
  else {
    for (;;) {
      p = scanMnemonic(line, p, h)
      if (p < 0) return p
      if (line.charCodeAt(p) !== COLON) break
      p++
    }
  }
  if (p < 0) return p
  if (line.charCodeAt(p) === QUESTION) {
    h.query = true
    p++
  }
  if (p < line.length) {
    const c = line.charCodeAt(p)
    if (!isSpace(c) && c !== SEMICOLON) return trailerError(c)
  }
  h.end = p
  return 0
}
