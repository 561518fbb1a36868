import { createServer, type Server, type Socket } from 'node:net'
import { afterEach, expect, it } from 'vitest'
import { createTestDevice, openRawClient } from '../testing/test-device'
import { LineConnection } from './line-connection'

let server: Server | null = null
const sockets: Socket[] = []

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy()
  const s = server
  server = null
  if (s) await new Promise((resolve) => s.close(resolve))
})

it('hands each response to the socket in exactly one write, terminator included', async () => {
  const writes: unknown[] = []
  server = createServer((socket) => {
    sockets.push(socket)
    const write = socket.write.bind(socket) as (data: string) => boolean
    // Record the calls the connection makes; the real write still happens.
    socket.write = ((data: string) => {
      writes.push(data)
      return write(data)
    }) as typeof socket.write
    new LineConnection(socket, createTestDevice().openSession(), {
      idleFlushMs: 100,
      maxLineBytes: 65_536,
      onError: undefined,
    })
  })
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  const client = await openRawClient((server.address() as { port: number }).port)
  sockets.push(client.socket)
  client.send('A?\nSLOW 10 later\nSET 1\nB?\n')
  const lines = [await client.nextLine(), await client.nextLine(), await client.nextLine()]
  expect(lines).toEqual(['ANS A?', 'later', 'ANS B?'])
  expect(writes).toEqual(['ANS A?\n', 'later\n', 'ANS B?\n'])
})
