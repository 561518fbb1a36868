import { InstrumentError } from '../instrument-error'
import type { ScpiChannel } from './scpi-channel'
import { parseNumber, parseNumberList } from './scpi-format'

/** The error for a reply the driver cannot use. */
export function badResponse(channel: ScpiChannel, line: string, reply: string): InstrumentError {
  return new InstrumentError('DRIVER_BAD_RESPONSE', `the ${channel.name} answered "${reply}" to "${line}"`, {
    instrument: channel.name,
    command: line,
  })
}

/** Parses a numeric reply or throws DRIVER_BAD_RESPONSE naming the instrument and command. */
export function expectNumber(channel: ScpiChannel, line: string, reply: string): number {
  const parsed = parseNumber(reply)
  if (Number.isNaN(parsed)) throw badResponse(channel, line, reply)
  return parsed
}

/** Parses `a;b;…` or `a,b,…` numeric replies; every element must be a number. */
export function expectNumbers(
  channel: ScpiChannel,
  line: string,
  reply: string,
  separator = ',',
  count?: number,
): number[] {
  const values = separator === ',' ? parseNumberList(reply) : reply.split(separator).map(parseNumber)
  if (values.some(Number.isNaN) || (count !== undefined && values.length !== count)) {
    throw badResponse(channel, line, reply)
  }
  return values
}

/** Parses a boolean reply (`0`/`1`, `ON`/`OFF`). */
export function expectBoolean(channel: ScpiChannel, line: string, reply: string): boolean {
  const value = reply.trim().toUpperCase()
  if (value === '1' || value === 'ON') return true
  if (value === '0' || value === 'OFF') return false
  throw badResponse(channel, line, reply)
}

/** Sends a query and parses its numeric reply. */
export async function queryNumber(channel: ScpiChannel, line: string): Promise<number> {
  return expectNumber(channel, line, await channel.query(line))
}
