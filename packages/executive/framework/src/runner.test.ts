import { hostname } from 'node:os'
import type { SqliteStorage } from '@dvt/storage'
import { createTempStorage, type TempStorage } from '@dvt/storage/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { FrameworkError } from './framework-error'
import type { RunEvent } from './run-events'
import type { Runner } from './runner'
import { defineTest } from './test-definition'
import { createTestRegistry } from './test-registry'
import { type FakeBench, startFakeBench } from './testing/fake-bench'
import { createTestRunner } from './testing/test-runner'

const measureTest = defineTest({
  name: 'measure',
  description: 'measures a value given as a parameter',
  parameters: z.object({ value: z.number().default(1), limit: z.number().default(2) }),
  measurements: [
    { name: 'value_v', unit: 'V', description: 'the value', limits: (p) => ({ lower: -p.limit, upper: p.limit }) },
    { name: 'info', unit: '', description: 'no limits' },
  ],
  run: async (ctx) => {
    ctx.record('vout', ctx.params.value, 'V', { temperature: 25, inputVoltage: 5, loadCurrent: 0.1 })
    ctx.measure('value_v', ctx.params.value)
    ctx.measure('info', 42)
  },
})

const failingTest = defineTest({
  name: 'failing',
  description: 'throws in its second step',
  parameters: z.object({}),
  measurements: [],
  steps: [
    { name: 'power up', run: (ctx) => ctx.instruments.supply.configure(1, { voltage: 5, output: true }) },
    {
      name: 'explode',
      run: () => {
        throw new Error('the DUT caught fire')
      },
    },
    { name: 'never', run: () => 'continue' },
  ],
})

const waitingTest = defineTest({
  name: 'waiting',
  description: 'waits a long time in simulated seconds',
  parameters: z.object({ seconds: z.number().default(3600), timeout_s: z.number().default(7200) }),
  measurements: [],
  steps: [
    {
      name: 'wait',
      timeoutS: 100,
      run: async (ctx) => {
        await ctx.clock.wait(ctx.params.seconds)
      },
    },
  ],
})

let repeats = 0
const flowTest = defineTest({
  name: 'flow',
  description: 'control flow: repeat, skip, stop',
  parameters: z.object({}),
  measurements: [
    { name: 'a', unit: '', description: 'set by the repeated step', limits: { upper: 10 } },
    { name: 'b', unit: '', description: 'set by the skipped step', limits: { upper: 10 } },
    { name: 'c', unit: '', description: 'set after stop', limits: { upper: 10 } },
  ],
  steps: [
    {
      name: 'repeat twice',
      run: (ctx) => {
        repeats++
        ctx.measure('a', 100 + repeats)
        if (repeats < 3) return 'repeat'
        ctx.measure('a', 1)
      },
    },
    {
      name: 'skipped',
      run: (ctx) => {
        ctx.measure('b', 100)
        return 'skip'
      },
    },
    { name: 'stop', run: () => 'stop' },
    { name: 'after stop', run: (ctx) => ctx.measure('c', 1) },
  ],
})

/** Measures `value_v` of each socket: socket n reads `value × n`, and socket `again` is measured twice. */
const boardTest = defineTest({
  name: 'board',
  description: 'measures one value per socket',
  parameters: z.object({
    sockets: z.array(z.number()).default([1, 2, 3]),
    value: z.number().default(0.5),
    again: z.number().default(0),
  }),
  measurements: [{ name: 'value_v', unit: 'V', description: 'the value', limits: { lower: -2, upper: 2 } }],
  run: async (ctx) => {
    for (const socket of ctx.params.sockets) ctx.measure('value_v', ctx.params.value * socket, { socket })
    if (ctx.params.again > 0) ctx.measure('value_v', 0.25, { socket: ctx.params.again })
  },
})

const registry = createTestRegistry([measureTest, failingTest, waitingTest, flowTest, boardTest])

let bench: FakeBench
let temp: TempStorage
let storage: SqliteStorage
let runner: Runner
let events: RunEvent[]

beforeEach(async () => {
  bench = await startFakeBench()
  temp = createTempStorage()
  storage = temp.storage
  runner = createTestRunner({ instruments: bench.instruments, storage, registry, station: 'test-bench' })
  events = []
  runner.subscribe((event) => {
    events.push(event)
  })
  repeats = 0
})

afterEach(async () => {
  await bench.close()
  await temp.cleanup()
})

const safeStateSent = () => ({
  supply: bench.log.supply.includes('OUTP OFF,(@1)'),
  load: bench.log.load.includes('INP OFF'),
})

describe('runner verdicts', () => {
  it('judges measurements against limits derived from parameters', async () => {
    const state = await runner.run('measure', { value: 1.5 })
    expect(state.status).toBe('passed')
    expect(state.results).toEqual([
      { parameter: 'value_v', value: 1.5, unit: 'V', lowerLimit: -2, upperLimit: 2, passed: true, socket: null },
      { parameter: 'info', value: 42, unit: '', lowerLimit: null, upperLimit: null, passed: null, socket: null },
    ])
    expect(state.counts).toMatchObject({ measurements: 1, results: 2, passed: 1, failed: 0 })
  })

  it('fails a run whose measurement is outside its limits, naming it', async () => {
    const state = await runner.run('measure', { value: 3 })
    expect(state.status).toBe('failed')
    expect(state.statusReason).toBe('value_v = 3 V is above its upper limit 2')
    const overridden = await runner.run('measure', { value: 3, limit: 5 })
    expect(overridden.status).toBe('passed')
  })

  it('judges a measurement once per socket it is measured for, stored with its socket', async () => {
    const state = await runner.run('board', { sockets: [1, 2, 5], again: 2 })
    expect(state.results.map((r) => [r.socket, r.value, r.passed])).toEqual([
      [1, 0.5, true],
      [2, 0.25, true],
      [5, 2.5, false],
    ])
    expect(state.counts).toMatchObject({ results: 3, passed: 2, failed: 1 })
    expect(state.status).toBe('failed')
    expect(state.statusReason).toBe('socket 5: value_v = 2.5 V is above its upper limit 2')
    expect((await storage.getResults(state.id)).map((r) => [r.socket, r.value])).toEqual([
      [1, 0.5],
      [2, 0.25],
      [5, 2.5],
    ])
  })

  it('ends a run that measures for a socket that cannot exist in error, naming it', async () => {
    const state = await runner.run('board', { sockets: [1, 17] })
    expect(state.status).toBe('error')
    expect(state.statusReason).toBe('step "board" failed: "value_v" was measured for socket 17, not 1 … 16')
  })

  it('leaves the bench safe after a passing run', async () => {
    await runner.run('measure')
    expect(safeStateSent()).toEqual({ supply: true, load: true })
  })
})

describe('runner errors and aborts', () => {
  it('turns a thrown error into status error with a clear event, and still makes the bench safe', async () => {
    const state = await runner.run('failing')
    expect(state.status).toBe('error')
    expect(state.statusReason).toBe('step "explode" failed: the DUT caught fire')
    expect(state.steps.map((s) => s.status)).toEqual(['pass', 'error', 'pending'])
    const finished = events.find((e) => e.type === 'step-finished' && e.outcome === 'error')
    expect(finished).toMatchObject({ step: 'explode', error: 'the DUT caught fire', control: null })
    expect(bench.log.supply).toContain('VOLT 5,(@1)')
    expect(safeStateSent()).toEqual({ supply: true, load: true })
    const timeline = (await storage.getEvents(state.id)).map((e) => `${e.level} ${e.message}`)
    expect(timeline).toContain('error step "explode" finished: error: the DUT caught fire')
  })

  it('attempts every safe-state action even when one instrument refuses', async () => {
    bench.fail = (role, unit) =>
      role === 'supply' && unit.startsWith('OUTP OFF') ? { code: -200, message: 'Execution error' } : undefined
    const state = await runner.run('measure')
    expect(bench.log.load).toContain('INP OFF')
    expect(state.log.map((l) => l.message)).toContain(
      'could not switch the power supply output off: the power supply refused "OUTP OFF,(@1)": -200 Execution error',
    )
  })

  it('logs an unreachable instrument during the safe state and ends in error', async () => {
    await bench.servers.load.close()
    const state = await runner.run('measure')
    expect(state.status).toBe('error')
    expect(state.statusReason).toMatch(
      /^cannot reach the electronic load at 127\.0\.0\.1:\d+ — is "dvt serve" running\?$/,
    )
    expect(bench.log.supply).toContain('OUTP OFF,(@1)')
    expect(
      state.log.some(
        (l) => l.level === 'error' && l.message.startsWith('could not switch the electronic load input off'),
      ),
    ).toBe(true)
  })

  it('aborts a run: status aborted, later steps not run, bench safe', async () => {
    runner.subscribe((event) => {
      if (event.type === 'step-started' && event.step === 'wait') runner.abort('operator pressed Abort')
    })
    const state = await runner.run('waiting', { seconds: 50 })
    expect(state.status).toBe('aborted')
    expect(state.statusReason).toBe('operator pressed Abort')
    expect(state.steps[0]?.status).toBe('aborted')
    expect(safeStateSent()).toEqual({ supply: true, load: true })
    expect((await storage.getRun(state.id))?.status).toBe('aborted')
  })

  it('aborts through the signal given to run()', async () => {
    const controller = new AbortController()
    controller.abort('Ctrl-C')
    const state = await runner.run('measure', {}, { signal: controller.signal })
    expect(state.status).toBe('aborted')
    expect(state.statusReason).toBe('Ctrl-C')
  })

  it('times a step out on the simulated clock', async () => {
    const start = bench.time
    const state = await runner.run('waiting', { seconds: 3600 })
    expect(state.status).toBe('error')
    expect(state.statusReason).toBe('step "wait" timed out after 100 s of simulated time')
    expect(bench.time - start).toBe(100)
  })
})

describe('runner refusals (before any run exists)', () => {
  it('names a bad parameter in one sentence', async () => {
    const error = await runner.run('measure', { value: 'high' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(FrameworkError)
    expect(error).toMatchObject({ code: 'FRAMEWORK_BAD_PARAMETER' })
    expect((error as Error).message).toBe('parameter "value" of measure is invalid: expected number, received string')
    await expect(runner.run('measure', { valeu: 1 })).rejects.toThrow(
      'measure has no parameter "valeu" — it takes value, limit',
    )
    expect((await storage.listRuns()).total).toBe(0)
  })

  it('lists the available tests for an unknown one', async () => {
    await expect(runner.run('tempcoo')).rejects.toMatchObject({
      code: 'FRAMEWORK_UNKNOWN_TEST',
      message: 'there is no test "tempcoo" — the available tests are measure, failing, waiting, flow, board',
    })
  })

  it('refuses a busy bench, naming the run that holds it', async () => {
    const other = await runner.run('measure')
    expect(await storage.acquireBench(bench.instruments.benchKey, other.id)).toBeNull()
    const error = await runner.run('measure').catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'FRAMEWORK_BENCH_BUSY' })
    expect((error as Error).message).toMatch(
      new RegExp(
        `^the bench is busy: run ${other.id.slice(0, 8)} \\(measure\\) started by pid ${process.pid} on ${hostname()} at \\S+ holds it`,
      ),
    )
    expect((await storage.listRuns()).total).toBe(1)
    await storage.releaseBench(bench.instruments.benchKey, other.id)
    expect((await runner.run('measure')).status).toBe('passed')
  })
})

describe('control flow is kept apart from outcome', () => {
  it('repeats, skips and stops', async () => {
    const state = await runner.run('flow')
    expect(repeats).toBe(3)
    expect(state.steps.map((s) => [s.name, s.status, s.attempts])).toEqual([
      ['repeat twice', 'pass', 3],
      ['skipped', 'skipped', 1],
      ['stop', 'pass', 1],
      ['after stop', 'pending', 0],
    ])
    expect(state.results).toEqual([
      { parameter: 'a', value: 1, unit: '', lowerLimit: null, upperLimit: 10, passed: true, socket: null },
    ])
    expect(state.status).toBe('passed')
    expect(state.log.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
      'b was never measured',
      'c was never measured',
    ])
  })
})

describe('storage observer', () => {
  it('persists the run, results, timeline and measurements', async () => {
    const state = await runner.run('measure', { value: 1.25 }, { serial: 'SN-1', operator: 'ada', description: 'd' })
    const run = await storage.getRun(state.id)
    expect(run).toMatchObject({
      test: 'measure',
      status: 'passed',
      dutSerial: 'SN-1',
      operator: 'ada',
      station: 'test-bench',
      softwareVersion: '0.0.0-test',
      parameters: { value: 1.25, limit: 2 },
      measurementCount: 1,
    })
    expect((await storage.getResults(state.id)).map((r) => [r.parameter, r.passed])).toEqual([
      ['value_v', true],
      ['info', null],
    ])
    const rows = await storage.readMeasurements(state.id)
    expect(rows).toEqual([
      expect.objectContaining({
        parameter: 'vout',
        value: 1.25,
        unit: 'V',
        temperature: 25,
        inputVoltage: 5,
        loadCurrent: 0.1,
      }),
    ])
    const messages = (await storage.getEvents(state.id)).map((e) => e.message)
    expect(messages[0]).toBe('run started: measure on DUT SN-1')
    expect(messages.at(-1)).toBe('run finished: passed')
  })
})
