import { describe, expect, it } from 'vitest'
import { type DvtResult, runDvt } from './support/dvt-process'
import { serveForSuite } from './support/serve-for-suite'

// A board of eight DUTs from a lot in one chamber: a real `dvt serve --sockets 8` (lockstep), the real CLI, noise on.
// A test on socket 3 measures the part in socket 3 (docs/tests.md#sockets).

/** A lot of 200 parts whose tempco spreads with σ = 10 ppm/°C around 50 (docs/physics.md#lots). */
const LOT = {
  DVT__DUT__LOT__NAME: 'E2E',
  DVT__DUT__LOT__SIZE: '200',
  DVT__DUT__LOT__SEED: '7',
  DVT__DUT__LOT__SPREAD__TEMPCO_PPM_PER_C: '10',
}

interface RunJson {
  id: string
  status: string
  results: { parameter: string; value: number | null; socket: number | null }[]
}

function parseRun(r: DvtResult): RunJson {
  expect(r.stdout.trim().split('\n'), r.stderr).toHaveLength(1)
  return JSON.parse(r.stdout) as RunJson
}

const resultOf = (run: RunJson, parameter: string) => run.results.find((r) => r.parameter === parameter)?.value

describe('a run on one socket of a board of eight, from a lot, through the whole stack', () => {
  const serve = serveForSuite({ args: ['--sockets', '8'], env: LOT })
  const dvt = (args: string[]) => runDvt(args, { env: serve().env, cwd: serve().dir })

  /** One simulation-control query, answered on one line. */
  async function sim(line: string): Promise<string> {
    const r = await dvt(['query', 'sim', line])
    expect(r.code, r.stderr).toBe(0)
    return r.stdout.trim()
  }
  const truth = async (socket: number) => Number(await sim(`SIM:DUT:PAR? TEMPCO_PPM_PER_C,${socket}`))

  it('measures the tempco of the part in socket 3, within ±1 ppm/°C of its truth', async () => {
    expect(await sim('SIM:SOCK?')).toBe('+8')
    // A board whose parts in sockets 1 and 3 differ clearly, so the result tells the sockets apart.
    let first = 1
    while (Math.abs((await truth(3)) - (await truth(1))) < 5) {
      first += 8
      expect(first).toBeLessThan(200)
      await sim(`SIM:LOT:LOAD ${first}`)
    }
    const [socket3, socket1] = [await truth(3), await truth(1)]
    const serial = JSON.parse(await sim('SIM:DUT:SER? 3')) as string
    expect(serial).toBe(`E2E-${String(first + 2).padStart(3, '0')}`)

    const r = await dvt(['run-test', 'tempco', '--set', 'socket=3', '--set', 'limit_ppm_per_c=200', '--json'])
    const run = parseRun(r)
    expect(run.status, r.stderr).toBe('passed')
    const measured = resultOf(run, 'tempco_ppm_per_c')!
    expect(Math.abs(measured - socket3)).toBeLessThanOrEqual(1)
    expect(Math.abs(measured - socket1)).toBeGreaterThan(3)

    const shown = await dvt(['show-run', '--json', run.id])
    const stored = JSON.parse(shown.stdout) as {
      dutSerial: string | null
      parameters: { socket: number }
      events: { message: string }[]
    }
    expect(stored.parameters.socket).toBe(3)
    expect(stored.dutSerial).toBe(serial)
    expect(stored.events.map((e) => e.message)).toContain(`testing socket 3: ${serial}`)
    // The safe state switched socket 3's load channel off as well.
    expect((await dvt(['query', 'load', 'INP? (@3)'])).stdout.trim()).toBe('0')
  })

  // Socket 1 too: the client's configuration says one socket, and on its own socket 1 is read as a one-DUT bench
  // reads it (the supply's read-back) — on a board of eight that is the board's current, so it is sensed instead.
  it.each([5, 1])('reads the quiescent current of socket %i alone, not the board’s', async (socket) => {
    const r = await dvt(['run-test', 'iq_vs_temp', '--set', `socket=${socket}`, '--set', 'points_c=[25,50]', '--json'])
    const run = parseRun(r)
    expect(run.status, r.stderr).toBe('passed')
    // 50 µA for one part; the supply feeds eight, so its read-back would be ≈ 400 µA.
    expect(resultOf(run, 'iq_25c_ua')).toBeGreaterThan(45)
    expect(resultOf(run, 'iq_25c_ua')).toBeLessThan(55)
  })

  it('measures the whole board in one run: each socket’s tempco within ±1 ppm/°C of its part’s truth', async () => {
    const board = [1, 2, 3, 4, 5, 6, 7, 8]
    const r = await dvt([
      'run-test',
      'tempco',
      '--set',
      `sockets=${board.join(',')}`,
      '--set',
      'points_c=[0,25,50]',
      '--set',
      'limit_ppm_per_c=200',
      '--json',
    ])
    const run = parseRun(r)
    expect(run.status, r.stderr).toBe('passed')
    const tempcos = run.results.filter((result) => result.parameter === 'tempco_ppm_per_c')
    expect(tempcos.map((result) => result.socket)).toEqual(board)
    for (const result of tempcos) expect(Math.abs(result.value! - (await truth(result.socket!)))).toBeLessThanOrEqual(1)
    // show-run puts the socket first in its results table, one row per socket and measurement.
    const shown = await dvt(['show-run', run.id])
    expect(shown.code, shown.stderr).toBe(0)
    const table = shown.stdout.split('\nResults\n')[1]!.split('\n\n')[0]!.split('\n')
    expect(table[0]).toMatch(/^socket {2}parameter +value/)
    expect(table.slice(2).filter((line) => /^\d+ +tempco_ppm_per_c /.test(line))).toHaveLength(8)
    const single = parseRun(await dvt(['run-test', 'quiescent_current', '--set', 'iq_samples=100', '--json']))
    expect(single.results.map((result) => result.socket)).toEqual([null])
    expect((await dvt(['show-run', single.id])).stdout).toMatch(/\nResults\nparameter {2}/)
  })

  it('ends a run on a socket the bench does not have in error, with one sentence', async () => {
    const r = await dvt(['run-test', 'tempco', '--set', 'socket=9'])
    expect(r.code).toBe(2)
    expect(r.stdout).toMatch(/socket 9 does not exist: the bench has 8 sockets \(1 … 8\)/)
    expect(r.stderr).not.toMatch(/\n\s+at /)
  })

  it('refuses a socket beyond the most any board has before a run starts, in one sentence', async () => {
    const r = await dvt(['run-test', 'tempco', '--set', 'socket=17'])
    expect(r.code).not.toBe(0)
    expect(r.stdout).toBe('')
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/^dvt: parameter "socket" of tempco is invalid.*16/)
  })
})
