import { createServer } from 'node:net'
import { BENCH_PORTS, benchPorts, MAX_PORT_BASE } from '@dvt/protocol'

/** Whether nothing listens on `port` of the loopback interface right now. */
function isFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer()
    server.once('error', () => done(false))
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => server.close(() => done(true)))
  })
}

/**
 * A port base whose every listener (`benchPorts(base)`) is free now, from a random start between 20 000 and 30 000
 * (below Linux's ephemeral range, so a client socket of a test running beside this one does not take it), skipping
 * the bases in `avoid`'s reach.
 */
export async function freePortBase(avoid: readonly number[] = []): Promise<number> {
  const span = Math.max(...BENCH_PORTS.map((name) => benchPorts(0)[name])) + 1
  for (let attempt = 0; attempt < 200; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 1000) * span
    if (base > MAX_PORT_BASE || avoid.some((other) => Math.abs(other - base) < span)) continue
    const ports = Object.values(benchPorts(base))
    if ((await Promise.all(ports.map(isFree))).every(Boolean)) return base
  }
  throw new Error('no free block of bench ports between 20000 and 30000')
}
