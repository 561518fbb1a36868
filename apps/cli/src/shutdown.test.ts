import { EventEmitter } from 'node:events'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { onShutdown, type SignalHost } from './shutdown'

/** Stands in for `process`: signals are emitted on it, and `exit` is recorded instead of ending the test. */
class FakeProcess extends EventEmitter implements SignalHost {
  readonly exits: number[] = []
  exit(code: number): void {
    this.exits.push(code)
  }
  listening(): number {
    return this.listenerCount('SIGINT') + this.listenerCount('SIGTERM')
  }
}

function deferred() {
  let resolve!: () => void
  let reject!: (error: unknown) => void
  const promise = new Promise<void>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

/** Lets every callback already queued run (no timers involved). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve))

let stdout: unknown[][]
let stderr: unknown[][]

beforeEach(() => {
  stdout = []
  stderr = []
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    stdout.push(args)
  })
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    stderr.push(args)
  })
})

afterEach(() => {
  vi.restoreAllMocks()
})

describe('onShutdown', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'on %s says it is stopping and resolves once close has finished',
    async (signal) => {
      const host = new FakeProcess()
      const closing = deferred()
      let closes = 0
      let stopped = false
      const shutdown = onShutdown(() => {
        closes++
        return closing.promise
      }, host)
      void shutdown.then(() => {
        stopped = true
      })
      expect(host.listening()).toBe(2)
      host.emit(signal, signal)
      await settle()
      expect(closes).toBe(1)
      expect(stdout).toEqual([['\nstopping…']])
      expect(stopped, 'still closing').toBe(false)
      closing.resolve()
      await shutdown
      expect(host.listening(), 'its handlers are removed').toBe(0)
      expect(host.exits).toEqual([])
    },
  )

  it.each([
    { signal: 'SIGINT', code: 130 },
    { signal: 'SIGTERM', code: 143 },
  ] as const)('a second signal while closing leaves at once: $signal exits $code', async ({ signal, code }) => {
    const host = new FakeProcess()
    const closing = deferred()
    let closes = 0
    const shutdown = onShutdown(() => {
      closes++
      return closing.promise
    }, host)
    host.emit('SIGTERM', 'SIGTERM')
    host.emit(signal, signal)
    expect(host.exits).toEqual([code])
    expect(closes).toBe(1)
    closing.resolve()
    await shutdown
  })

  it('still resolves when close fails, and says why in one line', async () => {
    const host = new FakeProcess()
    const shutdown = onShutdown(async () => {
      throw new Error('port 8080 did not close')
    }, host)
    host.emit('SIGINT', 'SIGINT')
    await shutdown
    expect(stderr).toEqual([['dvt: error while stopping: Error: port 8080 did not close']])
    expect(host.listening()).toBe(0)
  })

  it('listens from the moment it is called, and does nothing until a signal comes', async () => {
    const host = new FakeProcess()
    let closes = 0
    void onShutdown(async () => {
      closes++
    }, host)
    expect(host.listenerCount('SIGINT')).toBe(1)
    expect(host.listenerCount('SIGTERM')).toBe(1)
    await settle()
    expect(closes).toBe(0)
    expect(stdout).toEqual([])
  })
})
