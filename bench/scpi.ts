// `pnpm bench scpi`: SCPI round trip, one Node client, three servers in the same run — ours (`dvt serve --speed
// max`), the seed's (`../shared/baseline/bench_scpi.py --serve`, ports 15000–15002) and a trivial line-echo floor.
// For each: MEAS:VOLT:DC? p50/p99 on one connection, queries/s on 8 connections, server CPU µs per query
// (utime+stime from /proc/<pid>/stat). Rounds are interleaved (a busy moment on the shared machine then hits every
// server alike); each figure is the median over rounds, CPU is totalled over all rounds.
// Last line: p50_us=<n> p99_us=<n> conc8_qps=<n> cpu_us_per_query=<n> ratio_conc8=<x> ratio_cpu=<x> floor_p50_us=<n>
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { connect, type Socket } from 'node:net'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const ROUNDS = Number(process.env.SCPI_BENCH_ROUNDS ?? 3)
const SEQ_QUERIES = Number(process.env.SCPI_BENCH_QUERIES ?? 20_000)
const WARMUP = 2_000
const CONNS = 8
const CONC_QUERIES = 5_000
const IDLE_CLIENTS = 200
const QUERY = 'MEAS:VOLT:DC?\n'
const root = resolve(import.meta.dirname, '..')
const seedScript = resolve(root, '../shared/baseline/bench_scpi.py')
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim())

interface Server {
  name: string
  child: ChildProcess
  ports: { chamber: number; supply: number; dmm: number }
  /** Checks one answer to MEAS:VOLT:DC?. */
  valid(answer: string): boolean
  stop(): Promise<void>
}
interface Round {
  p50: number
  p99: number
  qps: number
  cpuTicks: number
  /** The kernel's share of cpuTicks (stime). */
  sysTicks: number
  queries: number
}

/** Bumped on every answer; a watchdog ends the run when a server stops answering. */
let lastAnswerAt = Date.now()
let phase = 'start-up'

/** One connection; one query in flight; answers are single lines. */
class Conn {
  private buffer = ''
  private pending: ((line: string) => void) | null = null
  private constructor(private readonly socket: Socket) {
    socket.setNoDelay(true)
    socket.setEncoding('latin1')
    socket.on('data', (text: string) => {
      this.buffer += text
      const lf = this.buffer.indexOf('\n')
      if (lf < 0) return
      const line = this.buffer.slice(0, lf)
      this.buffer = this.buffer.slice(lf + 1)
      lastAnswerAt = Date.now()
      const resolveLine = this.pending
      this.pending = null
      resolveLine?.(line)
    })
  }
  static open(port: number): Promise<Conn> {
    return new Promise((ready, fail) => {
      const socket = connect(port, '127.0.0.1', () => ready(new Conn(socket)))
      socket.once('error', fail)
    })
  }
  query(line: string): Promise<string> {
    return new Promise((answer) => {
      this.pending = answer
      this.socket.write(line)
    })
  }
  send(line: string): void {
    this.socket.write(line)
  }
  close(): void {
    this.socket.destroy()
  }
}

/** utime and stime of a process, in clock ticks. */
function cpuTicks(pid: number): { user: number; sys: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return { user: Number(fields[11]), sys: Number(fields[12]) }
}

function rssMb(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return match ? Number(match[1]) / 1024 : Number.NaN
}

function waitFor(child: ChildProcess, what: string, ready: () => Promise<boolean>): Promise<void> {
  return new Promise((done, fail) => {
    const deadline = Date.now() + 20_000
    const poll = async () => {
      if (child.exitCode !== null) return fail(new Error(`${what} exited with ${child.exitCode}`))
      if (await ready()) return done()
      if (Date.now() > deadline) return fail(new Error(`${what} did not start in 20 s`))
      setTimeout(poll, 50)
    }
    void poll()
  })
}

function stopper(child: ChildProcess, signal: NodeJS.Signals): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((r) => child.once('exit', r))
    child.kill(signal)
    await exited
  }
}

const reading = (answer: string) => {
  const v = Number(answer)
  return v >= 3.0 && v <= 3.5
}

async function startOurs(dir: string): Promise<Server> {
  const names = ['CONTROL', 'CHAMBER', 'SUPPLY', 'DMM', 'LOAD', 'TELEMETRY']
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', DVT__SIMULATION__MAX_CLIENTS_PER_INSTRUMENT: '256' }
  for (const n of names) env[`DVT__INSTRUMENTS__SIMULATOR__${n}_PORT`] = '0'
  // SCPI_BENCH_PROFILE=<dir>: our server writes a V8 CPU profile there when it stops.
  const profile = process.env.SCPI_BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.SCPI_BENCH_PROFILE}`]
    : []
  const args = [...profile, join(root, 'apps/cli/bin/dvt.mjs'), 'serve', '--speed', 'max', '--no-dashboard']
  const child = spawn(process.execPath, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString()
  })
  await waitFor(child, 'dvt serve', async () => out.includes('Press Ctrl-C to stop'))
  const port = (name: string) => Number(new RegExp(`^\\s+${name}\\s+(\\d+)\\s`, 'm').exec(out)?.[1])
  const ports = { chamber: port('chamber'), supply: port('supply'), dmm: port('dmm') }
  return { name: 'ours', child, ports, valid: reading, stop: stopper(child, 'SIGINT') }
}

async function startSeed(): Promise<Server> {
  const child = spawn('python3', ['-B', seedScript, '--serve'], { stdio: ['ignore', 'inherit', 'inherit'] })
  const ports = { chamber: 15000, supply: 15001, dmm: 15002 }
  const listening = (port: number) =>
    Conn.open(port).then(
      (c) => {
        c.close()
        return true
      },
      () => false,
    )
  await waitFor(child, 'the seed server', async () =>
    (await Promise.all(Object.values(ports).map(listening))).every(Boolean),
  )
  return { name: 'seed', child, ports, valid: reading, stop: stopper(child, 'SIGTERM') }
}

const ECHO_SERVER = `const net = require('net')
const server = net.createServer({ noDelay: true }, (c) => {
  let b = ''
  c.setEncoding('latin1')
  c.on('error', () => {})
  c.on('data', (d) => {
    b += d
    for (let i = b.indexOf('\\n'); i >= 0; i = b.indexOf('\\n')) { c.write(b.slice(0, i + 1)); b = b.slice(i + 1) }
  })
})
server.listen(0, '127.0.0.1', () => console.log(server.address().port))`

async function startFloor(): Promise<Server> {
  const child = spawn(process.execPath, ['-e', ECHO_SERVER], { stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString()
  })
  await waitFor(child, 'the echo server', async () => out.includes('\n'))
  const port = Number(out.trim())
  const valid = (answer: string) => answer === QUERY.trimEnd()
  return {
    name: 'floor',
    child,
    ports: { chamber: port, supply: port, dmm: port },
    valid,
    stop: stopper(child, 'SIGTERM'),
  }
}

/** Supply 5 V on, chamber to 85 °C (the seed knows only its own `TEMP:SETPOINT`). */
async function setUpBench(server: Server): Promise<void> {
  if (server.name === 'floor') return
  const supply = await Conn.open(server.ports.supply)
  supply.send('VOLT 5.0\nOUTP ON\n')
  if ((await supply.query('OUTP?\n')).trim() !== '1') throw new Error(`${server.name}: supply output not on`)
  const chamber = await Conn.open(server.ports.chamber)
  chamber.send('TEMP:SETPOINT 85\n')
  if (Number(await chamber.query('TEMP:SETPOINT?\n')) !== 85) throw new Error(`${server.name}: setpoint not 85`)
  supply.close()
  chamber.close()
}

async function loop(conn: Conn, n: number, server: Server, latencies?: Float64Array): Promise<void> {
  let answer = ''
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint()
    answer = await conn.query(QUERY)
    if (latencies) latencies[i] = Number(process.hrtime.bigint() - t0) / 1000
  }
  if (!server.valid(answer)) throw new Error(`${server.name}: unexpected answer ${JSON.stringify(answer)}`)
}

const percentile = (sorted: Float64Array, p: number) =>
  sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN

async function measureRound(server: Server): Promise<Round> {
  const pid = server.child.pid as number
  const seq = await Conn.open(server.ports.dmm)
  await loop(seq, WARMUP, server)
  const conns = await Promise.all(Array.from({ length: CONNS }, () => Conn.open(server.ports.dmm)))
  await Promise.all(conns.map((c) => loop(c, 200, server)))
  const cpu0 = cpuTicks(pid)
  const latencies = new Float64Array(SEQ_QUERIES)
  await loop(seq, SEQ_QUERIES, server, latencies)
  const t0 = process.hrtime.bigint()
  await Promise.all(conns.map((c) => loop(c, CONC_QUERIES, server)))
  const elapsedS = Number(process.hrtime.bigint() - t0) / 1e9
  const cpu1 = cpuTicks(pid)
  for (const c of [seq, ...conns]) c.close()
  latencies.sort()
  const queries = SEQ_QUERIES + CONNS * CONC_QUERIES
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    qps: (CONNS * CONC_QUERIES) / elapsedS,
    cpuTicks: cpu1.user + cpu1.sys - cpu0.user - cpu0.sys,
    sysTicks: cpu1.sys - cpu0.sys,
    queries,
  }
}

/** RSS of a server with `IDLE_CLIENTS` connections open and idle (each has answered one *IDN?). */
async function idleClientsRss(server: Server): Promise<{ before: number; after: number }> {
  const pid = server.child.pid as number
  const before = rssMb(pid)
  const clients = await Promise.all(Array.from({ length: IDLE_CLIENTS }, () => Conn.open(server.ports.dmm)))
  await Promise.all(clients.map((c) => c.query('*IDN?\n')))
  await new Promise((r) => setTimeout(r, 500))
  const after = rssMb(pid)
  for (const c of clients) c.close()
  return { before, after }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN
const fmt = (n: number, digits = 1) => n.toFixed(digits)

function summarise(name: string, rounds: Round[]) {
  const ticks = rounds.reduce((s, r) => s + r.cpuTicks, 0)
  const sysTicks = rounds.reduce((s, r) => s + r.sysTicks, 0)
  const queries = rounds.reduce((s, r) => s + r.queries, 0)
  const figures = {
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    qps: median(rounds.map((r) => r.qps)),
    cpu: (ticks / CLK_TCK / queries) * 1e6,
  }
  const each = rounds.map((r) => `${fmt(r.p50)}/${fmt(r.p99)}/${Math.round(r.qps)}`).join('  ')
  console.log(
    `${name.padEnd(5)} p50_us=${fmt(figures.p50)} p99_us=${fmt(figures.p99)} conc8_qps=${Math.round(figures.qps)} ` +
      `cpu_us_per_query=${fmt(figures.cpu)} (${ticks} ticks, ${Math.round((100 * sysTicks) / ticks)} % kernel, / ${queries} queries)  rounds p50/p99/qps: ${each}`,
  )
  return figures
}

/** The seed's own Python client against our server, as a second opinion. */
function seedClientAgainst(ours: Server): string {
  const { chamber, supply, dmm } = ours.ports
  const out = execFileSync('python3', [seedScript, '--against', `${chamber},${supply},${dmm}`], {
    encoding: 'utf8',
    timeout: 120_000,
  })
  return out.trimEnd().split('\n').at(-1) ?? ''
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dvt-bench-scpi-'))
  const servers: Server[] = []
  const stopAll = () => Promise.all(servers.map((s) => s.stop()))
  process.once('exit', () => {
    for (const s of servers) if (s.child.exitCode === null) s.child.kill('SIGKILL')
  })
  const watchdog = setInterval(() => {
    if (Date.now() - lastAnswerAt < 20_000) return
    console.error(`scpi bench: no answer for 20 s during ${phase}; giving up`)
    process.exit(1)
  }, 1000)
  try {
    // The seed server stops itself after 115 s: start it last, measure right away.
    servers.push(await startOurs(dir), await startFloor(), await startSeed())
    const [ours, floor, seed] = servers as [Server, Server, Server]
    for (const s of servers) await setUpBench(s)
    const rounds = new Map<Server, Round[]>(servers.map((s) => [s, []]))
    for (let r = 0; r < ROUNDS; r++) {
      for (const s of [seed, ours, floor]) {
        phase = `round ${r + 1}/${ROUNDS}, ${s.name}`
        lastAnswerAt = Date.now()
        rounds.get(s)?.push(await measureRound(s))
      }
    }
    await seed.stop()
    console.log(
      `machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, node ${process.version}, load ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    )
    console.log(
      `per round: ${SEQ_QUERIES} sequential + ${CONNS}×${CONC_QUERIES} concurrent MEAS:VOLT:DC?, ${ROUNDS} rounds`,
    )
    const o = summarise('ours', rounds.get(ours) ?? [])
    const s = summarise('seed', rounds.get(seed) ?? [])
    const f = summarise('floor', rounds.get(floor) ?? [])
    phase = 'idle clients'
    const idle = await idleClientsRss(ours)
    clearInterval(watchdog)
    console.log(
      `ours RSS: ${fmt(idle.before)} MB idle, ${fmt(idle.after)} MB with ${IDLE_CLIENTS} idle clients connected`,
    )
    if (process.env.SCPI_BENCH_SEED_CLIENT !== '0') console.log(`seed client → ours: ${seedClientAgainst(ours)}`)
    const ratioConc = o.qps / s.qps
    const ratioCpu = s.cpu / o.cpu
    // What a server doing no work at all (the echo floor) would score against the seed.
    console.log(
      `ceilings (echo floor vs seed): ratio_cpu ${fmt(s.cpu / f.cpu, 2)}, ratio_conc8 ${fmt(f.qps / s.qps, 2)}`,
    )
    console.log(
      `targets: ratio_cpu ${fmt(ratioCpu, 2)} (≥ 3), ratio_conc8 ${fmt(ratioConc, 2)} (≥ 2.5), p99 ${fmt(o.p99)} µs (< 300), ` +
        `p50 − floor ${fmt(o.p50 - f.p50)} µs (≤ 15)`,
    )
    console.log(
      `p50_us=${fmt(o.p50)} p99_us=${fmt(o.p99)} conc8_qps=${Math.round(o.qps)} cpu_us_per_query=${fmt(o.cpu)} ` +
        `ratio_conc8=${fmt(ratioConc, 2)} ratio_cpu=${fmt(ratioCpu, 2)} floor_p50_us=${fmt(f.p50)}`,
    )
  } finally {
    clearInterval(watchdog)
    await stopAll()
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
