import { connect, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createScpiTcpServer, type ScpiTcpServer } from './scpi-tcp-server'
import { createTcpTransport } from './tcp-transport'
import { createSeededRandom, randomBytes } from './testing/seeded-random'
import { createTestDevice, openRawClient, type RawClient, until } from './testing/test-device'
import type { Transport } from './transport'

const cleanups: Array<() => unknown> = []

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function serve(maxClients = 32) {
  const device = createTestDevice()
  const errors: unknown[] = []
  const server = await createScpiTcpServer({
    name: 'multimeter',
    port: 0,
    device,
    maxClients,
    onError: (error) => errors.push(error),
  })
  cleanups.push(() => server.close())
  return { server, device, errors }
}

function wellBehaved(server: ScpiTcpServer): Transport {
  const transport = createTcpTransport({ host: server.host, port: server.port, name: 'multimeter' })
  cleanups.push(() => transport.close())
  return transport
}

async function rawClient(server: ScpiTcpServer): Promise<RawClient> {
  const raw = await openRawClient(server.port)
  cleanups.push(() => raw.socket.destroy())
  return raw
}

/** Reads lines until one equals `wanted` (random input may have produced answers before it). */
async function lineEqualTo(client: RawClient, wanted: string): Promise<void> {
  while ((await client.nextLine()) !== wanted) {}
}

describe('hostile input', () => {
  it('survives random bytes on several connections while a good client keeps getting correct answers', async () => {
    const { server, device, errors } = await serve()
    const good = wellBehaved(server)
    const attackers = await Promise.all([1, 2, 3, 4].map(() => rawClient(server)))
    const random = createSeededRandom(20240611)
    for (let round = 0; round < 50; round++) {
      for (const attacker of attackers) attacker.send(randomBytes(random, 1 + Math.floor(random() * 8000)))
      expect(await good.query(`GOOD ${round}?`)).toBe(`ANS GOOD ${round}?`)
    }
    attackers[0]!.send(Buffer.from(randomBytes(random, 200_000).map((byte) => (byte === 10 ? 32 : byte))))
    for (const [i, attacker] of attackers.entries()) {
      attacker.send(`\nPING ${i}?\n`)
      await lineEqualTo(attacker, `ANS PING ${i}?`)
    }
    expect(device.errors).toContain(-101)
    expect(device.errors).toContain(-363)
    expect(device.errors.filter((code) => code !== -101 && code !== -363)).toEqual([])
    expect(errors).toEqual([])
    expect(device.overlaps).toBe(0)
  })

  it('survives 1 000 rapid connect/disconnect cycles without leaking sessions', async () => {
    const { server, device } = await serve()
    const good = wellBehaved(server)
    for (let batch = 0; batch < 40; batch++) {
      await Promise.all(Array.from({ length: 25 }, (_, i) => connectAndLeave(server.port, (batch + i) % 4)))
      expect(await good.query(`BATCH ${batch}?`)).toBe(`ANS BATCH ${batch}?`)
    }
    await until(() => server.clientCount === 1)
    expect(device.closed).toBe(device.opened - 1)
    expect(device.opened).toBeGreaterThan(900)
  })

  it('serves 200 simultaneous clients, each getting its own answers', async () => {
    const { server, device } = await serve(256)
    const all = await Promise.all(Array.from({ length: 200 }, () => rawClient(server)))
    await until(() => server.clientCount === 200)
    for (const [i, c] of all.entries()) c.send(`ID ${i}?\nSLOW 5 slow ${i}\n`)
    const answers = await Promise.all(all.map(async (c) => [await c.nextLine(), await c.nextLine()]))
    answers.forEach((pair, i) => {
      expect(pair).toEqual([`ANS ID ${i}?`, `slow ${i}`])
    })
    expect(device.opened).toBe(200)
    expect(device.overlaps).toBe(0)
  })
})

/** One short-lived client: 0 leaves at once, 1 leaves mid-line, 2 leaves without reading, 3 resets. */
function connectAndLeave(port: number, manner: number): Promise<void> {
  return new Promise((resolve) => {
    const socket: Socket = connect({ host: '127.0.0.1', port })
    socket.on('error', () => {})
    socket.on('close', () => resolve())
    socket.resume() // consume (and ignore) answers, so the server's FIN is seen
    socket.on('connect', () => {
      if (manner === 1) socket.write('MEAS:VO')
      if (manner === 2) socket.write('Q?\nSLOW 50 gone\n')
      if (manner === 3) socket.resetAndDestroy()
      else socket.end()
    })
  })
}
