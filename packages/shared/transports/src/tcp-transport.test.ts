import { createServer, type Server, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { openResource } from './open-resource'
import { createScpiTcpServer, type ScpiTcpServer } from './scpi-tcp-server'
import { createTcpTransport } from './tcp-transport'
import { createTestDevice, sleep, type TestDevice, until } from './testing/test-device'
import type { Transport } from './transport'
import { TransportError } from './transport-error'

const cleanups: Array<() => Promise<void>> = []

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function serve(): Promise<{ server: ScpiTcpServer; device: TestDevice }> {
  const device = createTestDevice()
  const server = await createScpiTcpServer({ name: 'multimeter', port: 0, device })
  cleanups.push(() => server.close())
  return { server, device }
}

function transportTo(port: number, timeoutMs = 5000): Transport {
  const transport = createTcpTransport({ host: '127.0.0.1', port, timeoutMs, name: 'multimeter' })
  cleanups.push(() => transport.close())
  return transport
}

async function failure(promise: Promise<unknown>): Promise<TransportError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(TransportError)
  return error as TransportError
}

/**
 * A loopback port that refuses connections: port 1 (tcpmux). Nothing listens there on these machines and no test
 * binds it. A port bound once and released would not do: a server of a test running in parallel can be given it.
 */
const REFUSED_PORT = 1

describe('createTcpTransport', () => {
  it('writes commands and answers queries on one lazily opened connection', async () => {
    const { server, device } = await serve()
    const transport = transportTo(server.port)
    expect(transport.resource).toBe(`TCPIP::127.0.0.1::${server.port}::SOCKET`)
    expect(device.opened).toBe(0)
    await transport.write('VOLT 5')
    expect(await transport.query('MEAS:VOLT?')).toBe('ANS MEAS:VOLT?')
    expect(await transport.query('CR?')).toBe('ok')
    expect(device.lines).toEqual(['VOLT 5', 'MEAS:VOLT?', 'CR?'])
    expect(device.opened).toBe(1)
  })

  it('queues concurrent calls so each query gets its own answer', async () => {
    const { server, device } = await serve()
    const transport = transportTo(server.port)
    const calls = Array.from({ length: 30 }, (_, i) =>
      i % 3 === 0 ? transport.write(`SET ${i}`).then(() => 'written') : transport.query(`Q${i}?`),
    )
    const answers = await Promise.all(calls)
    answers.forEach((answer, i) => {
      expect(answer).toBe(i % 3 === 0 ? 'written' : `ANS Q${i}?`)
    })
    expect(device.overlaps).toBe(0)
  })

  it('times out a query that gets no answer, with a sentence naming the instrument and the query', async () => {
    const { server } = await serve()
    const transport = transportTo(server.port, 50)
    const error = await failure(transport.query('NOTHING?'))
    expect(error.code).toBe('TRANSPORT_TIMEOUT')
    expect(error.message).toContain(`the multimeter at 127.0.0.1:${server.port} did not answer "NOTHING?" within 50 ms`)
    expect(await transport.query('AFTER?', { timeoutMs: 5000 })).toBe('ANS AFTER?')
  })

  it('never takes a late answer for the next query', async () => {
    const { server } = await serve()
    const transport = transportTo(server.port)
    const error = await failure(transport.query('SLOW 150 late', { timeoutMs: 30 }))
    expect(error.code).toBe('TRANSPORT_TIMEOUT')
    expect(await transport.query('NEXT?')).toBe('ANS NEXT?')
    await sleep(200)
    expect(await transport.query('THEN?')).toBe('ANS THEN?')
  })

  it('reconnects on the next call after the server dropped the connection', async () => {
    const { server, device } = await serve()
    const transport = transportTo(server.port)
    expect(await transport.query('ONE?')).toBe('ANS ONE?')
    server.dropClients()
    await until(() => server.clientCount === 0)
    expect(await transport.query('TWO?')).toBe('ANS TWO?')
    await transport.write('THREE')
    expect(await transport.query('FOUR?')).toBe('ANS FOUR?')
    expect(device.opened).toBe(2)
    expect(device.lines).toEqual(['ONE?', 'TWO?', 'THREE', 'FOUR?'])
  })

  it('notices a drop that happened just before the call and sends on a new connection', async () => {
    const { server, device } = await serve()
    const transport = transportTo(server.port)
    for (let round = 1; round <= 20; round++) {
      expect(await transport.query(`BEFORE ${round}?`)).toBe(`ANS BEFORE ${round}?`)
      server.dropClients()
      expect(await transport.query(`AFTER ${round}?`)).toBe(`ANS AFTER ${round}?`)
    }
    expect(device.opened).toBe(21)
  })

  it('with reportDrops, fails the one call after an idle drop (as a VISA session would), then reconnects', async () => {
    const { server, device } = await serve()
    const transport = createTcpTransport({
      host: '127.0.0.1',
      port: server.port,
      name: 'multimeter',
      reportDrops: true,
    })
    expect(await transport.query('ONE?')).toBe('ANS ONE?')
    server.dropClients()
    await until(() => server.clientCount === 0)
    const error = await failure(transport.query('TWO?'))
    expect(error.code).toBe('TRANSPORT_CLOSED')
    expect(error.message).toBe(
      `the multimeter at 127.0.0.1:${server.port} dropped the connection — check the instrument and its network; the next call reconnects`,
    )
    expect(await transport.query('THREE?')).toBe('ANS THREE?')
    expect(device.lines).toEqual(['ONE?', 'THREE?'])
    await transport.close()
  })

  it('reports a refused connection with the sentence that says what to do', async () => {
    const port = REFUSED_PORT
    const transport = transportTo(port)
    const error = await failure(transport.query('*IDN?'))
    expect(error.code).toBe('TRANSPORT_REFUSED')
    expect(error.message).toBe(`cannot reach the multimeter at 127.0.0.1:${port} — is "dvt serve" running?`)
    expect((await failure(transport.write('*CLS'))).code).toBe('TRANSPORT_REFUSED')
  })

  it('reports TRANSPORT_CLOSED while the server refuses (fault injection), and recovers after', async () => {
    const { server } = await serve()
    const transport = transportTo(server.port)
    expect(await transport.query('UP?')).toBe('ANS UP?')
    server.dropClients()
    server.setRefusing(true)
    const error = await failure(transport.query('MEAS:VOLT?'))
    expect(error.code).toBe('TRANSPORT_CLOSED')
    expect(error.message).toContain(`the multimeter at 127.0.0.1:${server.port} closed the connection`)
    server.setRefusing(false)
    expect(await transport.query('BACK?')).toBe('ANS BACK?')
  })

  it('fails a query in flight when the server goes away', async () => {
    const { server } = await serve()
    const transport = transportTo(server.port)
    const pending = transport.query('SLOW 10000 never')
    await until(() => server.clientCount === 1)
    await server.close()
    expect((await failure(pending)).code).toBe('TRANSPORT_CLOSED')
  })

  it('assembles a response split over several TCP segments', async () => {
    const peers: Socket[] = []
    const raw: Server = createServer((socket) => {
      peers.push(socket)
      socket.on('data', async () => {
        socket.write('+1.2345')
        await sleep(20)
        socket.write('6789E+00\r')
        await sleep(20)
        socket.write('\n')
      })
    })
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve))
    cleanups.push(async () => {
      for (const peer of peers) peer.destroy()
      await new Promise((resolve) => raw.close(resolve))
    })
    const transport = transportTo((raw.address() as { port: number }).port)
    expect(await transport.query('READ?')).toBe('+1.23456789E+00')
  })

  it('close() waits for queued calls, closes the connection, and refuses later calls', async () => {
    const { server } = await serve()
    const transport = transportTo(server.port)
    const answer = transport.query('SLOW 30 last')
    await transport.close()
    expect(await answer).toBe('last')
    await until(() => server.clientCount === 0)
    const error = await failure(transport.query('AGAIN?'))
    expect(error.code).toBe('TRANSPORT_CLOSED')
    await transport.close()
  })
})

describe('openResource', () => {
  it('opens a transport for a raw socket resource string', async () => {
    const { server } = await serve()
    const transport = openResource(`TCPIP0::127.0.0.1::${server.port}::SOCKET`, { name: 'multimeter' })
    cleanups.push(() => transport.close())
    expect(transport.resource).toBe(`TCPIP::127.0.0.1::${server.port}::SOCKET`)
    expect(await transport.query('*IDN?')).toBe('ANS *IDN?')
  })

  it('rejects resources that are not raw sockets before connecting', () => {
    expect(() => openResource('GPIB0::22::INSTR')).toThrow(TransportError)
  })
})
