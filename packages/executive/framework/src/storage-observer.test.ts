import type { SqliteStorage } from '@dvt/storage'
import { createTempStorage, type TempStorage } from '@dvt/storage/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { defineTest } from './test-definition'
import { createTestRegistry } from './test-registry'
import { type FakeBench, startFakeBench } from './testing/fake-bench'
import { createTestRunner } from './testing/test-runner'

let bench: FakeBench
let temp: TempStorage
let storage: SqliteStorage
const seenWhileRunning: number[] = []

const burstTest = defineTest({
  name: 'burst',
  description: 'records bursts of readings and looks at storage while still running',
  parameters: z.object({ rows: z.number().int().default(1200) }),
  measurements: [],
  steps: [
    {
      name: 'burst',
      run: async (ctx) => {
        for (let i = 0; i < ctx.params.rows; i++) ctx.record('vout', i, 'V', { temperature: 25 })
        // Storage is asynchronous: the readings are durable within a turn of the event loop, well before the next
        // exchange with the bench comes back.
        await ctx.clock.wait(1)
        seenWhileRunning.push((await storage.readMeasurements(ctx.runId)).length)
        await ctx.clock.wait(1)
        ctx.record('vout', -1, 'V')
        await ctx.clock.wait(1)
        seenWhileRunning.push((await storage.readMeasurements(ctx.runId)).length)
      },
    },
  ],
})

beforeEach(async () => {
  bench = await startFakeBench()
  temp = createTempStorage()
  storage = temp.storage
  seenWhileRunning.length = 0
})

afterEach(async () => {
  await bench.close()
  await temp.cleanup()
})

describe('storage observer', () => {
  it('appends bursts in batches of 500 and makes single readings durable within one event-loop turn', async () => {
    const appended: number[] = []
    const append = storage.appendMeasurements.bind(storage)
    storage.appendMeasurements = (runId, rows) => {
      appended.push(rows.length)
      return append(runId, rows)
    }
    const runner = createTestRunner({
      instruments: bench.instruments,
      storage,
      registry: createTestRegistry([burstTest]),
    })
    const state = await runner.run('burst')
    expect(state.status).toBe('passed')
    expect(appended).toEqual([500, 500, 200, 1])
    expect(seenWhileRunning).toEqual([1200, 1201])
    const run = await storage.getRun(state.id)
    expect(run).toMatchObject({ status: 'passed', measurementCount: 1201 })
    expect(run?.parquetPath).toMatch(
      new RegExp(`/station=[^/]+/test=burst/date=\\d{4}-\\d{2}-\\d{2}/run_${state.id}\\.parquet$`),
    )
    const rows = await storage.readMeasurements(state.id)
    expect(rows.map((r) => r.value).slice(0, 3)).toEqual([0, 1, 2])
    expect(rows.at(-1)).toMatchObject({ value: -1, temperature: null })
  })
})

describe('storage observer and the live feed', () => {
  it('publishes every run event, in order, after storing it, with the provenance of the run', async () => {
    const fed: { runId: string; event: { type: string; provenance?: unknown } }[] = []
    const stop = await storage.watchRunEvents((entry) => fed.push(entry as (typeof fed)[number]))
    const runner = createTestRunner({
      instruments: bench.instruments,
      storage,
      station: 'bench-7',
      registry: createTestRegistry([burstTest]),
    })
    const events: string[] = []
    runner.subscribe((event) => {
      events.push(event.type)
    })
    const state = await runner.run('burst', { rows: 3 })
    const deadline = Date.now() + 5000
    while (fed.length < events.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
    await stop()
    expect(fed.map((e) => e.event.type)).toEqual(events)
    expect(new Set(fed.map((e) => e.runId))).toEqual(new Set([state.id]))
    expect(events.filter((t) => t === 'measurement')).toHaveLength(4)
    const provenance = (await storage.getRun(state.id))?.provenance
    expect(fed[0]!.event.provenance).toEqual(provenance)
    expect(provenance).toMatchObject({ station: 'bench-7', softwareVersion: '0.0.0-test' })
    expect(Object.keys(provenance!.instruments).sort()).toEqual(['chamber', 'control', 'dmm', 'load', 'mux', 'supply'])
  })
})

describe('storage observer durability', () => {
  it('makes readings durable before any later event of the run is shown (a crash loses nothing reported)', async () => {
    const reportTest = defineTest({
      name: 'report',
      description: 'records a reading and reports it at once',
      parameters: z.object({}),
      measurements: [],
      steps: [
        {
          name: 'point',
          run: async (ctx) => {
            ctx.record('vout', 3.3, 'V', { temperature: 25 })
            ctx.progress({ point: 1, of: 1, message: 'point 1 of 1: V_out 3.3 V' })
            ctx.log.info('V_out = 3.3 V')
            await ctx.clock.wait(1)
          },
        },
      ],
    })
    const runner = createTestRunner({
      instruments: bench.instruments,
      storage,
      registry: createTestRegistry([reportTest]),
    })
    const seen: Promise<number>[] = []
    runner.subscribe((event) => {
      // Reading storage here sees what a crash at this instant would leave behind.
      if (event.type === 'progress' || event.type === 'log') {
        seen.push(storage.readMeasurements(event.runId).then((rows) => rows.length))
      }
    })
    const state = await runner.run('report')
    expect(state.status).toBe('passed')
    const counts = await Promise.all(seen)
    expect(counts.length).toBeGreaterThanOrEqual(2)
    expect(counts.every((n) => n === 1)).toBe(true)
  })
})
