import { connect, type Socket } from 'node:net'
import type { LineDevice, LineInputError, LineSession } from '../line-device'

/**
 * A tiny line device for tests. Queries (`…?`) answer `ANS <line>`; `SLOW <ms> <text>` answers `text` after ms;
 * `NOTHING?` answers nothing (like a bad query); `ERR?` pops the oldest input error (`0` when none); `COUNT?`
 * counts lines handled; `BIG? <n>` answers n × `x`; `CR?` answers `ok\r`; `THROW` throws; anything else is a
 * command without a response.
 */
export interface TestDevice extends LineDevice {
  readonly lines: string[]
  readonly errors: LineInputError[]
  /** Times `handle` was called while an earlier async answer of the same session was still pending. */
  overlaps: number
  opened: number
  closed: number
}

export function createTestDevice(): TestDevice {
  const device: TestDevice = {
    lines: [],
    errors: [],
    overlaps: 0,
    opened: 0,
    closed: 0,
    openSession: () => createTestSession(device),
  }
  return device
}

function createTestSession(device: TestDevice): LineSession {
  device.opened++
  let pending = false
  return {
    handle(line) {
      if (pending) device.overlaps++
      device.lines.push(line)
      const slow = /^SLOW (\d+) (.*)$/.exec(line)
      if (slow) {
        pending = true
        return new Promise((resolve) =>
          setTimeout(() => {
            pending = false
            resolve(slow[2]!)
          }, Number(slow[1])),
        )
      }
      return answer(device, line)
    },
    inputError(code) {
      device.errors.push(code)
    },
    close() {
      device.closed++
    },
  }
}

function answer(device: TestDevice, line: string): string | null {
  if (line === 'THROW') throw new Error('test device failure')
  if (line === 'NOTHING?') return null
  if (line === 'ERR?') return String(device.errors.shift() ?? 0)
  if (line === 'COUNT?') return String(device.lines.length)
  if (line === 'CR?') return 'ok\r'
  if (line.startsWith('BIG? ')) return 'x'.repeat(Number(line.slice(5)))
  return line.endsWith('?') ? `ANS ${line}` : null
}

/** A raw `net` client that records every chunk it receives and hands out whole lines. */
export interface RawClient {
  readonly socket: Socket
  readonly chunks: string[]
  send(data: string | Buffer): void
  nextLine(): Promise<string>
  /** Resolves once the server has closed the connection. */
  closed: Promise<void>
}

export async function openRawClient(port: number): Promise<RawClient> {
  const socket = connect({ host: '127.0.0.1', port, noDelay: true })
  const chunks: string[] = []
  const lines: string[] = []
  const waiters: Array<(line: string) => void> = []
  let text = ''
  socket.on('error', () => {})
  socket.on('data', (chunk: Buffer) => {
    chunks.push(chunk.toString('utf8'))
    text += chunk.toString('utf8')
    let lf = text.indexOf('\n')
    while (lf !== -1) {
      const line = text.slice(0, lf)
      text = text.slice(lf + 1)
      const waiter = waiters.shift()
      if (waiter) waiter(line)
      else lines.push(line)
      lf = text.indexOf('\n')
    }
  })
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()))
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve)
    socket.once('error', reject)
  })
  return {
    socket,
    chunks,
    closed,
    send: (data) => socket.write(data),
    nextLine: () => {
      const line = lines.shift()
      return line === undefined ? new Promise((resolve) => waiters.push(resolve)) : Promise.resolve(line)
    },
  }
}

/** Waits (polling) until `condition` holds; fails after `limitMs` so a broken behaviour cannot hang a test. */
export async function until(condition: () => boolean, limitMs = 10_000): Promise<void> {
  const start = Date.now()
  while (!condition()) {
    if (Date.now() - start > limitMs) throw new Error('condition not reached')
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
