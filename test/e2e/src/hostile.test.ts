import { readFileSync } from 'node:fs'
import { connect, type Socket } from 'node:net'
import { createSeededRandom, randomBytes } from '@dvt/transports/testing'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type PortName, type ServeHandle, startServe } from './support/dvt-process'

// docs/scpi.md#robustness: "No input crashes the server or disturbs another client", and its bad-input
// list, against the real `dvt serve` process. An observer on its own connection checks answers throughout.

const DMM_IDN = 'Keysight Technologies,34461A-SIM,0,1.0.0'
const RSS_LIMIT_MB = 300
/** The standard strings of docs/scpi.md#error-codes; a message may carry `;detail` after it (SCPI-99 §21.8). */
const STANDARD: Record<number, string> = {
  [-100]: 'Command error',
  [-101]: 'Invalid character',
  [-102]: 'Syntax error',
  [-103]: 'Invalid separator',
  [-104]: 'Data type error',
  [-108]: 'Parameter not allowed',
  [-109]: 'Missing parameter',
  [-112]: 'Program mnemonic too long',
  [-113]: 'Undefined header',
  [-114]: 'Header suffix out of range',
  [-120]: 'Numeric data error',
  [-131]: 'Invalid suffix',
  [-138]: 'Suffix not allowed',
  [-141]: 'Invalid character data',
  [-148]: 'Character data not allowed',
  [-151]: 'Invalid string data',
  [-200]: 'Execution error',
  [-221]: 'Settings conflict',
  [-222]: 'Data out of range',
  [-224]: 'Illegal parameter value',
  [-350]: 'Queue overflow',
  [-363]: 'Input buffer overrun',
  [-440]: 'Query UNTERMINATED after indefinite response',
}

/** A raw socket speaking LF-terminated lines; answers are queued until read. */
class LineClient {
  private buffer = ''
  private readonly lines: string[] = []
  private waiter: ((line: string) => void) | null = null
  private constructor(readonly socket: Socket) {
    socket.setEncoding('latin1')
    socket.setNoDelay(true)
    socket.on('data', (text: string) => this.onData(text))
    socket.on('error', () => {})
  }
  static open(port: number): Promise<LineClient> {
    return new Promise((ready, fail) => {
      const socket = connect(port, '127.0.0.1', () => ready(new LineClient(socket)))
      socket.once('error', fail)
    })
  }
  private onData(text: string): void {
    this.buffer += text
    for (let lf = this.buffer.indexOf('\n'); lf >= 0; lf = this.buffer.indexOf('\n')) {
      const line = this.buffer.slice(0, lf)
      this.buffer = this.buffer.slice(lf + 1)
      if (this.waiter) this.waiter(line)
      else this.lines.push(line)
    }
  }
  send(data: string | Uint8Array): Promise<void> {
    return new Promise((done, fail) => this.socket.write(data, (e) => (e ? fail(e) : done())))
  }
  next(timeoutMs = 5000): Promise<string> {
    const ready = this.lines.shift()
    if (ready !== undefined) return Promise.resolve(ready)
    return new Promise((done, fail) => {
      const timer = setTimeout(() => {
        this.waiter = null
        fail(new Error(`no answer in ${timeoutMs} ms (closed: ${this.socket.destroyed})`))
      }, timeoutMs)
      this.waiter = (line) => {
        clearTimeout(timer)
        this.waiter = null
        done(line)
      }
    })
  }
  async query(line: string, timeoutMs?: number): Promise<string> {
    await this.send(`${line}\n`)
    return this.next(timeoutMs)
  }
  /**
   * A query sent right after an unterminated line joins that line until the server's 100 ms idle flush; such a
   * query is lost (no answer, no extra error), so it is asked again until answered.
   */
  async queryAfterUnterminated(line: string): Promise<string> {
    await new Promise((r) => setTimeout(r, 150))
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.query(line, 1500)
      } catch (error) {
        if (attempt === 5) throw error
      }
    }
  }
  /** Ends any partial line, then reads (and drops) answers until this connection's `*IDN?` comes back. */
  async sync(idn: string): Promise<void> {
    await this.send('\n*IDN?\n')
    for (let i = 0; i < 10_000; i++) if ((await this.next()) === idn) return
    throw new Error('no *IDN? answer after the junk')
  }
  /** Reads the error queue until it is empty. */
  async drainErrors(): Promise<{ code: number; message: string }[]> {
    const errors: { code: number; message: string }[] = []
    for (let i = 0; i < 25; i++) {
      const match = /^([+-]?\d+),"(.*)"$/.exec(await this.query('SYST:ERR?'))
      if (!match) throw new Error('SYST:ERR? answered something else')
      if (Number(match[1]) === 0) return errors
      errors.push({ code: Number(match[1]), message: match[2] ?? '' })
    }
    throw new Error('the error queue never emptied')
  }
  close(): void {
    this.socket.destroy()
  }
}

/** Keeps asking `*IDN?` and `MEAS:VOLT:DC?` on its own connection; records anything wrong. */
class Observer {
  answered = 0
  readonly wrong: string[] = []
  private running = true
  private loop: Promise<void> = Promise.resolve()
  constructor(private readonly client: LineClient) {}
  start(): void {
    this.loop = this.run()
  }
  private async run(): Promise<void> {
    while (this.running) {
      try {
        const idn = await this.client.query('*IDN?')
        if (idn !== DMM_IDN) this.wrong.push(`*IDN? → ${idn}`)
        const volts = await this.client.query('MEAS:VOLT:DC?')
        if (!/^\+3\.[23]\d{7}E\+00$/.test(volts)) this.wrong.push(`MEAS:VOLT:DC? → ${volts}`)
        this.answered += 2
      } catch (error) {
        this.wrong.push(String(error))
        return
      }
      await new Promise((r) => setTimeout(r, 2))
    }
  }
  /** Waits for two more correct answers, and fails if any answer was wrong. */
  async healthy(): Promise<void> {
    const target = this.answered + 2
    for (let i = 0; i < 1500 && this.answered < target && this.wrong.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 10))
    }
    expect(this.wrong).toEqual([])
    expect(this.answered).toBeGreaterThanOrEqual(target)
  }
  async stop(): Promise<void> {
    this.running = false
    await this.loop
    this.client.close()
  }
}

const DMM_VOCABULARY = [
  'MEAS:VOLT:DC?',
  'MEASure:VOLTage:DC? 10,MIN',
  'MEAS:CURR:DC?',
  'MEAS:RES?',
  'MEAS:FRES? DEF,DEF',
  'CONF:VOLT:DC 10,3e-6',
  'CONF?',
  'READ?',
  'INIT',
  'FETC?',
  'SENS:FUNC "VOLT"',
  'FUNC?',
  'VOLT:DC:RANG 10',
  'VOLT:RANG?',
  'VOLT:DC:RANG:AUTO ON',
  'SENSe:VOLTage:DC:NPLCycles 10',
  'VOLT:NPLC?',
  'VOLT:RES MIN',
  'TRIG:SOUR IMM',
  'TRIG:SOUR?',
  'TRIG:COUN 1',
  'SAMP:COUN 1',
  'SAMP:COUN?',
  'SYST:BEEP',
  '*ESR?',
  '*STB?',
  '*OPC?',
  '*ESE 60',
  '*SRE?',
  'STAT:OPER?',
  'STAT:QUES:COND?',
  'SYST:VERS?',
  'SYST:ERR:COUN?',
  '*TST?',
  '*WAI',
]
const CHAMBER_VOCABULARY = [
  'TEMP?',
  'SETP 30',
  'SETP?',
  'RAMP 10',
  'RAMP?',
  'WNDW 1',
  'WNDW?',
  'SOAK 30',
  'SOAK?',
  'TECR?',
  'FLOW?',
  ':SOUR:CLO1:PVAL?',
  ':SOURce:CLOop1:SPOint 30',
  ':SOUR:CLO1:SPO?',
  'KRDG? A',
  'SETP 1,303.15',
  'SETP? 1',
  'TEMP:SETPOINT 30',
  'TEMP:ACTUAL?',
  'TEMP:STAB?',
  'TEMP:RAMP?',
  '%RM',
]
const JUNK_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789:;,?*"\'()@#.+- \t'
const JUNK_PARAMS = ['', 'ON', '"x', '1e999', 'NAN', '(@', '#H1F', 'MAXX', '5 V V', "'open", '1,,2', '(@1:', '9.9.9']

/** One SCPI-like line: a known command, mutated one to three times (or sometimes left valid). */
function junkLine(random: () => number, vocabulary: readonly string[]): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
  let line = pick(vocabulary)
  const mutations = Math.floor(random() * 4)
  for (let m = 0; m < mutations; m++) {
    const at = Math.floor(random() * (line.length + 1))
    const mutation = Math.floor(random() * 9)
    if (mutation === 0) line = line.slice(0, at) + line.slice(at + 1)
    else if (mutation === 1) line = line.slice(0, at) + pick([...JUNK_CHARS]) + line.slice(at)
    else if (mutation === 2) line = line.slice(0, at) + pick([...JUNK_CHARS]) + line.slice(at + 1)
    else if (mutation === 3) line = line.slice(0, at)
    else if (mutation === 4) line = `${line}${pick([';', ' ', ':', ';:'])}${pick(vocabulary)}`
    else if (mutation === 5) line = `${line.split(' ')[0] ?? ''} ${pick(JUNK_PARAMS)}`
    else if (mutation === 6) line = line.replace(/([A-Za-z])(:|\?|$)/, `$1${Math.floor(random() * 20)}$2`)
    else if (mutation === 7) line = pick([':', '::', '*', ';']) + line
    else line = line.slice(0, at) + line.slice(at, at + 6) + line.slice(at)
  }
  return line
}

function rssMb(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  if (!match) throw new Error(`no VmRSS for ${pid}`)
  return Number(match[1]) / 1024
}

function expectStandard(errors: readonly { code: number; message: string }[]): void {
  for (const { code, message } of errors) {
    expect({ code, known: code in STANDARD }).toEqual({ code, known: true })
    expect(message.split(';')[0]).toBe(STANDARD[code])
  }
}

describe('dvt serve under hostile input', () => {
  let serve: ServeHandle
  let observer: Observer
  let pid: number
  const rss: Record<string, number> = {}
  const open = (name: PortName) => LineClient.open(serve.ports[name])
  /** Records the server's resident memory now, under `label`, and expects it under the limit. */
  const expectRssBelowLimit = (label: string) => {
    rss[label] = rssMb(pid)
    expect(rss[label]).toBeLessThan(RSS_LIMIT_MB)
  }

  beforeAll(async () => {
    serve = await startServe({ speed: 'max', env: { DVT__SIMULATION__MAX_CLIENTS_PER_INSTRUMENT: '256' } })
    pid = serve.child.pid as number
    const supply = await open('supply')
    await supply.send('VOLT 5\nOUTP ON\n')
    expect(await supply.query('*OPC?')).toBe('1')
    supply.close()
    rss.start = rssMb(pid)
    observer = new Observer(await open('dmm'))
    observer.start()
  })
  // Whatever a test throws at the server, the observer on its own connection must still get correct answers.
  afterEach(async () => {
    await observer.healthy()
  })
  afterAll(async () => {
    await observer?.stop()
    if (serve) console.log(`hostile: server RSS MB ${JSON.stringify(rss)}, observer answers ${observer?.answered}`)
    await serve?.stop()
  })

  it('random bytes on every instrument port: each error lands as −101 (or another standard error)', async () => {
    const random = createSeededRandom(0x5eed)
    const idn: Record<string, string> = {}
    for (const name of ['control', 'chamber', 'supply', 'dmm', 'load'] as const) {
      const client = await open(name)
      idn[name] = await client.query('*IDN?')
      await client.query('*CLS;*OPC?')
      for (let chunk = 0; chunk < 64; chunk++) {
        await client.send(randomBytes(random, 4096))
      }
      await client.sync(idn[name])
      const errors = await client.drainErrors()
      expect(errors.map((e) => e.code)).toContain(-101)
      expectStandard(errors)
      expect(await client.query('*IDN?')).toBe(idn[name])
      client.close()
    }
    expect(serve.child.exitCode).toBeNull()
  })

  it('SCPI-like junk from the command vocabulary: −113, −102 and other standard errors in the queue', async () => {
    const random = createSeededRandom(2026)
    const seen = new Set<number>()
    for (const [name, vocabulary] of [
      ['dmm', DMM_VOCABULARY],
      ['chamber', CHAMBER_VOCABULARY],
    ] as const) {
      const client = await open(name)
      const idn = await client.query('*IDN?')
      for (let batch = 0; batch < 150; batch++) {
        const lines = Array.from({ length: 5 }, () => junkLine(random, vocabulary))
        await client.send(`${lines.join('\n')}\n`)
        await client.sync(idn)
        const errors = await client.drainErrors()
        expectStandard(errors)
        for (const e of errors) seen.add(e.code)
      }
      client.close()
    }
    // With this seed the junk hits 16 different standard errors; these are the common grammar ones.
    expect([...seen]).toEqual(expect.arrayContaining([-102, -104, -108, -109, -113, -114, -120, -222]))
    expectRssBelowLimit('afterJunk')
  })

  it('1 MB lines: −363 once per line, the connection and the next line on it keep working', async () => {
    const client = await open('dmm')
    await client.query('*CLS;*OPC?')
    const mb = 'M'.repeat(1 << 20)
    await client.send(`${mb}\n`)
    for (let i = 0; i < 256; i++) await client.send(mb.slice(0, 4096))
    await client.send('\n')
    expect(await client.query(`${mb};*IDN?\n*IDN?`)).toBe(DMM_IDN)
    expect((await client.drainErrors()).map((e) => e.code)).toEqual([-363, -363, -363])
    await client.send(mb)
    expect(await client.queryAfterUnterminated('*IDN?')).toBe(DMM_IDN)
    expect(await client.drainErrors()).toEqual([{ code: -363, message: 'Input buffer overrun' }])
    client.close()
    expectRssBelowLimit('after1MbLines')
  })

  it('unterminated input: an idle line is taken as complete, half-sent lines on closed connections do no harm', async () => {
    const client = await open('dmm')
    await client.send('*IDN?')
    expect(await client.next()).toBe(DMM_IDN)
    await client.send('NOT:A:COMMand')
    expect(await client.queryAfterUnterminated('SYST:ERR?')).toBe('-113,"Undefined header"')
    expect(await client.drainErrors()).toEqual([])
    const dangling = await Promise.all(Array.from({ length: 50 }, () => open('dmm')))
    await Promise.all(dangling.map((c, i) => c.send(i % 2 ? 'MEAS:VOLT:DC' : 'X'.repeat(60_000))))
    for (const c of dangling) c.close()
    expect(await client.query('*IDN?')).toBe(DMM_IDN)
    client.close()
    expect(serve.child.exitCode).toBeNull()
  })

  it('1 000 connect/disconnect cycles leave no session behind; then 200 clients at once all get correct answers', async () => {
    for (let wave = 0; wave < 40; wave++) {
      await Promise.all(Array.from({ length: 25 }, (_, i) => cycle(serve.ports.dmm, (wave * 25 + i) % 4)))
    }
    rss.afterCycles = rssMb(pid)
    // 200 + the observer fit under the 256 limit only if none of the 1 000 sessions above was kept.
    const clients = await Promise.all(Array.from({ length: 200 }, () => open('dmm')))
    const answers = await Promise.all(clients.map((c) => c.query('*IDN?;MEAS:VOLT:DC?')))
    for (const answer of answers)
      expect(answer).toMatch(/^Keysight Technologies,34461A-SIM,0,1\.0\.0;\+3\.[23]\d{7}E\+00$/)
    expectRssBelowLimit('with200Clients')
    for (const c of clients) c.close()
    expect(serve.child.exitCode).toBeNull()
  })
})

/** One short-lived connection, ended in one of four rude ways. */
function cycle(port: number, how: number): Promise<void> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1', () => {
      if (how === 0) socket.destroy()
      else if (how === 1) socket.end('*IDN?\n')
      else if (how === 2) socket.end('MEAS:VOLT')
      else socket.write('MEAS:VOLT:DC?\n', () => socket.resetAndDestroy())
    })
    socket.on('error', () => {})
    socket.on('close', () => done())
    socket.resume()
  })
}
