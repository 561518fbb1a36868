import { connect } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createScpiTcpServer, type ScpiTcpServer, type ScpiTcpServerOptions } from './scpi-tcp-server'
import { createTestDevice, openRawClient, type RawClient, sleep, type TestDevice, until } from './testing/test-device'
import { TransportError } from './transport-error'

const servers: ScpiTcpServer[] = []
const clients: RawClient[] = []

afterEach(async () => {
  for (const client of clients.splice(0)) client.socket.destroy()
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

async function serve(
  options: Partial<ScpiTcpServerOptions> = {},
): Promise<{ server: ScpiTcpServer; device: TestDevice }> {
  const device = createTestDevice()
  const server = await createScpiTcpServer({ name: 'test instrument', port: 0, device, ...options })
  servers.push(server)
  return { server, device }
}

async function client(server: ScpiTcpServer): Promise<RawClient> {
  const raw = await openRawClient(server.port)
  clients.push(raw)
  return raw
}

/** Sends `query` on `c` and expects the test device's answer to it. */
async function expectAnswered(c: RawClient, query: string): Promise<void> {
  c.send(`${query}\n`)
  expect(await c.nextLine()).toBe(`ANS ${query}`)
}

describe('framing', () => {
  it('binds loopback on a free port when asked for port 0', async () => {
    const { server } = await serve()
    expect(server.host).toBe('127.0.0.1')
    expect(server.port).toBeGreaterThan(0)
    expect(server.name).toBe('test instrument')
  })

  it('answers LF and CRLF terminated lines, several in one chunk, in order', async () => {
    const { server, device } = await serve()
    const c = await client(server)
    c.send('A?\nB?\r\nSET 1\r\nC?\n')
    expect([await c.nextLine(), await c.nextLine(), await c.nextLine()]).toEqual(['ANS A?', 'ANS B?', 'ANS C?'])
    expect(device.lines).toEqual(['A?', 'B?', 'SET 1', 'C?'])
  })

  it('joins a line split over chunks, even inside a multi-byte character and between CR and LF', async () => {
    const { server, device } = await serve({ idleFlushMs: 60_000 })
    const c = await client(server)
    const bytes = Buffer.from('TEXT "25 °C"?\r\n')
    const cut = bytes.indexOf(0xb0) // second byte of '°'
    for (const part of [bytes.subarray(0, 3), bytes.subarray(3, cut), bytes.subarray(cut, -1), bytes.subarray(-1)]) {
      c.send(part)
      await sleep(15)
    }
    expect(await c.nextLine()).toBe('ANS TEXT "25 °C"?')
    expect(device.errors).toEqual([])
  })

  it('treats an unterminated line as complete once idle', async () => {
    const { server } = await serve({ idleFlushMs: 20 })
    const c = await client(server)
    c.send('IDLE?')
    expect(await c.nextLine()).toBe('ANS IDLE?')
    c.send('NEXT?\n')
    expect(await c.nextLine()).toBe('ANS NEXT?')
  })

  it('ignores empty lines', async () => {
    const { server, device } = await serve()
    const c = await client(server)
    c.send('\n\r\n\nQ?\n')
    expect(await c.nextLine()).toBe('ANS Q?')
    expect(device.lines).toEqual(['Q?'])
  })

  it('writes each response whole, terminator included, in one piece', async () => {
    const { server } = await serve()
    const c = await client(server)
    for (let i = 0; i < 40; i++) {
      c.send(`BIG? ${100 + i * 50}\n`)
      await c.nextLine()
    }
    expect(c.chunks).toHaveLength(40)
    c.chunks.forEach((chunk, i) => {
      expect(chunk).toBe(`${'x'.repeat(100 + i * 50)}\n`)
    })
  })
})

describe('ordering', () => {
  it('answers in line order when handlers are async, never starting line n+1 before line n is answered', async () => {
    const { server, device } = await serve()
    const c = await client(server)
    c.send('SLOW 60 first\nFAST?\nSLOW 10 second\nSET 2\n\x01\nLAST?\n')
    const answers = [await c.nextLine(), await c.nextLine(), await c.nextLine(), await c.nextLine()]
    expect(answers).toEqual(['first', 'ANS FAST?', 'second', 'ANS LAST?'])
    expect(device.overlaps).toBe(0)
    expect(device.lines).toEqual(['SLOW 60 first', 'FAST?', 'SLOW 10 second', 'SET 2', 'LAST?'])
    expect(device.errors).toEqual([-101])
  })

  it('queues an input error behind a pending async answer', async () => {
    const { server } = await serve()
    const c = await client(server)
    c.send('SLOW 40 done\n')
    c.send(Buffer.from([0x41, 0xff, 0x0a]))
    c.send('ERR?\n')
    expect([await c.nextLine(), await c.nextLine()]).toEqual(['done', '-101'])
  })
})

describe('bad input', () => {
  it('reports −363 for a 1 MB line, drops it, and keeps the connection usable', async () => {
    const { server, device } = await serve()
    const c = await client(server)
    c.send(`${'A'.repeat(1024 * 1024)}?\nAFTER?\n`)
    expect(await c.nextLine()).toBe('ANS AFTER?')
    expect(device.errors).toEqual([-363])
    expect(device.lines).toEqual(['AFTER?'])
  })

  it('reports −363 once for endless bytes without LF, then recovers at the next LF', async () => {
    const { server, device } = await serve({ idleFlushMs: 60_000 })
    const c = await client(server)
    const block = 'B'.repeat(256 * 1024)
    for (let i = 0; i < 40; i++) c.send(block)
    c.send('\nOK?\n')
    expect(await c.nextLine()).toBe('ANS OK?')
    expect(device.errors).toEqual([-363])
  })

  it('enforces maxLineBytes exactly: the limit passes, one byte more is −363', async () => {
    const { server, device } = await serve({ maxLineBytes: 16 })
    const c = await client(server)
    c.send(`${'L'.repeat(15)}?\r\n${'L'.repeat(16)}?\nQ?\n`)
    expect([await c.nextLine(), await c.nextLine()]).toEqual([`ANS ${'L'.repeat(15)}?`, 'ANS Q?'])
    expect(device.errors).toEqual([-363])
  })

  it('reports −101 for invalid UTF-8 and control characters, and drops those lines', async () => {
    const { server, device } = await serve()
    const c = await client(server)
    c.send(Buffer.from([0x51, 0xff, 0x3f, 0x0a])) // Q 0xFF ?
    c.send(Buffer.from([0x51, 0xc3, 0x3f, 0x0a])) // truncated 2-byte sequence
    c.send('A\x01B?\nA\x1bB?\nA\x7fB?\nA\x00B?\n')
    c.send('TAB\tOK?\nUNICODE °C \uFFFD?\nEND?\n')
    expect([await c.nextLine(), await c.nextLine(), await c.nextLine()]).toEqual([
      'ANS TAB\tOK?',
      'ANS UNICODE °C \uFFFD?',
      'ANS END?',
    ])
    expect(device.errors).toEqual([-101, -101, -101, -101, -101, -101])
  })

  it('survives a handler that throws and tells onError', async () => {
    const seen: unknown[] = []
    const { server } = await serve({ onError: (error) => seen.push(error) })
    const c = await client(server)
    c.send('THROW\nQ?\n')
    expect(await c.nextLine()).toBe('ANS Q?')
    expect(seen).toHaveLength(1)
  })
})

describe('connections', () => {
  it('closes a connection beyond maxClients at once and serves the others', async () => {
    const { server, device } = await serve({ maxClients: 2 })
    const [a, b] = [await client(server), await client(server)]
    a.send('A?\n')
    b.send('B?\n')
    expect([await a.nextLine(), await b.nextLine()]).toEqual(['ANS A?', 'ANS B?'])
    const extra = await client(server)
    await extra.closed
    expect(extra.chunks).toEqual([])
    expect(server.clientCount).toBe(2)
    expect(device.opened).toBe(2)
    a.socket.destroy()
    await until(() => server.clientCount === 1)
    await expectAnswered(await client(server), 'C?')
  })

  it('calls session.close when a client leaves', async () => {
    const { server, device } = await serve()
    const c = await client(server)
    c.send('Q?\n')
    await c.nextLine()
    c.socket.end()
    await until(() => device.closed === 1)
    expect(server.clientCount).toBe(0)
  })

  it('close() resolves with clients connected, closes them, and stops listening', async () => {
    const { server, device } = await serve()
    const all = [await client(server), await client(server), await client(server)]
    all[0]!.send('SLOW 5000 never\n')
    await until(() => server.clientCount === 3)
    await server.close()
    await Promise.all(all.map((c) => c.closed))
    expect(device.closed).toBe(3)
    const refused = await new Promise<string>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port: server.port })
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? ''))
      socket.on('connect', () => resolve('connected'))
    })
    expect(refused).toBe('ECONNREFUSED')
    await server.close()
  })

  it('rejects a port already in use with TRANSPORT_PORT_IN_USE naming host:port', async () => {
    const { server } = await serve()
    const error = await createScpiTcpServer({ name: 'multimeter', port: server.port, device: createTestDevice() }).then(
      () => null,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(TransportError)
    expect((error as TransportError).code).toBe('TRANSPORT_PORT_IN_USE')
    expect((error as TransportError).message).toContain(`multimeter on 127.0.0.1:${server.port}`)
  })

  it('refusing mode closes new connections at once while existing ones keep working', async () => {
    const { server } = await serve()
    const existing = await client(server)
    await until(() => server.clientCount === 1)
    server.setRefusing(true)
    const refused = await client(server)
    await refused.closed
    await expectAnswered(existing, 'STILL?')
    server.setRefusing(false)
    await expectAnswered(await client(server), 'BACK?')
  })

  it('dropClients closes every client and keeps listening', async () => {
    const { server } = await serve()
    const dropped = [await client(server), await client(server)]
    await until(() => server.clientCount === 2)
    server.dropClients()
    await Promise.all(dropped.map((c) => c.closed))
    await until(() => server.clientCount === 0)
    await expectAnswered(await client(server), 'Q?')
  })

  it('stops reading a client that does not read its answers, then serves it all once it reads', async () => {
    const { server, device } = await serve()
    const c = await client(server)
    c.socket.pause()
    const count = 100_000 // 20 MB of answers: more than the kernel buffers hold
    c.send('BIG? 200\n'.repeat(count))
    let seen = -1
    while (seen !== device.lines.length) {
      seen = device.lines.length
      await sleep(50)
    }
    expect(device.lines.length).toBeLessThan(count)
    c.socket.resume()
    const expected = count * 201
    await until(() => c.chunks.reduce((sum, chunk) => sum + chunk.length, 0) >= expected)
    const received = c.chunks.join('')
    expect(received).toHaveLength(expected)
    expect(received).toBe(`${'x'.repeat(200)}\n`.repeat(count))
    expect(device.lines).toHaveLength(count)
  })
})
