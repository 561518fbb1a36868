import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RunEvent } from '@dvt/framework/run-state'
import { createRunEventFixtures } from '@dvt/framework/testing'
import { openStorageBackend, type StorageBackend } from '@dvt/storage'
import { until } from '@dvt/transports/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { StationRun } from '../schemas/messages'
import { createStationRuns, type StationRuns } from './station-runs'

// The dashboard's store and a terminal's (another StorageBackend on the same SQLite file, as another process has):
// what the terminal publishes reaches the dashboard through the store's run-event feed alone.

let dir: string
let dashboardStore: StorageBackend
let terminal: StorageBackend
let runs: StationRuns | null
let changes: StationRun[]
let errors: unknown[]

const open = () => openStorageBackend({ databasePath: join(dir, 'dvt.db'), measurementsDir: join(dir, 'measurements') })

/** A run stored and started by the terminal, with its events published as its storage observer would. */
async function startRun(station: string, startedAt: string) {
  const fixtures = createRunEventFixtures({ runId: randomUUID(), time: startedAt })
  await terminal.createRun({
    id: fixtures.runId,
    test: 'tempco',
    startedAt,
    station,
    parameters: {},
    config: null,
    softwareVersion: '1.0.0',
  })
  await terminal.startRun(fixtures.runId)
  const publish = async (...events: RunEvent[]) => {
    for (const event of events) await terminal.publishRunEvent(fixtures.runId, event)
  }
  return { ...fixtures, publish }
}

const follow = async () => {
  runs = await createStationRuns({
    storage: dashboardStore,
    onChange: (run) => changes.push(run),
    onError: (error) => errors.push(error),
    readingsIntervalMs: 20,
  })
  return runs
}
const lastOf = (station: string) => changes.findLast((run) => run.station === station)

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dvt-station-runs-'))
  dashboardStore = await open()
  terminal = await open()
  runs = null
  changes = []
  errors = []
})

afterEach(async () => {
  await runs?.close()
  await terminal.close()
  await dashboardStore.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('the stations’ runs from the run-event feed', () => {
  it("follows a terminal's run step by step: its plan, its progress, its readings, its end", async () => {
    const tracker = await follow()
    const run = await startRun('bench-a', '2026-12-02T10:00:00.000Z')
    await run.publish(
      run.started({ station: 'bench-a', steps: ['configure', 'sweep'], serial: 'SN-1' }),
      run.stepStarted({ step: 'configure', index: 0 }),
      run.stepFinished({ step: 'configure', index: 0 }),
      run.stepStarted({ step: 'sweep', index: 1 }),
      run.progress({ point: 1, of: 3, message: 'point 1 of 3: settling at -20 °C' }),
    )
    await until(() => lastOf('bench-a')?.progress?.point === 1)
    expect(lastOf('bench-a')).toMatchObject({
      id: run.runId,
      test: 'tempco',
      status: 'running',
      serial: 'SN-1',
      currentStep: 'sweep',
      stepsDone: 1,
      stepsTotal: 2,
      progress: { step: 'sweep', point: 1, of: 3, message: 'point 1 of 3: settling at -20 °C' },
    })
    // Readings alone are announced too, a burst at a time.
    await run.publish(run.measurement({ simTime: 5 }), run.measurement({ simTime: 6 }))
    await until(() => lastOf('bench-a')?.measurements === 2)
    await run.publish(
      run.progress({ point: 2, of: 3 }),
      run.stepFinished({ step: 'sweep', index: 1 }),
      run.finished({ simTime: 9, status: 'passed' }),
    )
    await until(() => lastOf('bench-a')?.status === 'passed')
    expect(lastOf('bench-a')).toMatchObject({ stepsDone: 2, simTime: 9, progress: { point: 2, of: 3 } })
    expect(tracker.latest().map((r) => r.id)).toEqual([run.runId])
    expect(errors).toEqual([])
  })

  it("starts with each station's latest stored run, and joins a run already going from its stored record", async () => {
    const older = await startRun('bench-b', '2026-12-02T08:00:00.000Z')
    await terminal.completeRun(older.runId, { status: 'failed', completedAt: '2026-12-02T08:10:00.000Z' })
    const newer = await startRun('bench-b', '2026-12-02T09:00:00.000Z')
    const tracker = await follow()
    await until(() => tracker.latest().length === 1)
    expect(tracker.latest()[0]).toMatchObject({ id: newer.runId, station: 'bench-b', status: 'running' })
    // Its events go on from where it is; the plan it announced at the start is not known.
    await newer.publish(newer.progress({ point: 4, of: 5 }))
    await until(() => lastOf('bench-b')?.progress?.point === 4)
    expect(lastOf('bench-b')).toMatchObject({ id: newer.runId, test: 'tempco', stepsTotal: 0 })
    // A late event of the older run does not take the station's card.
    await older.publish(older.log({ level: 'info', message: 'late' }))
    await newer.publish(newer.progress({ point: 5, of: 5 }))
    await until(() => lastOf('bench-b')?.progress?.point === 5)
    expect(changes.every((run) => run.id === newer.runId)).toBe(true)
  })

  it("gives a station's card to its next run, and keeps every station's apart", async () => {
    const tracker = await follow()
    const first = await startRun('bench-a', '2026-12-02T10:00:00.000Z')
    const other = await startRun('bench-c', '2026-12-02T10:00:01.000Z')
    await first.publish(first.started({ station: 'bench-a' }), first.finished({ status: 'aborted', reason: 'stop' }))
    await other.publish(other.started({ station: 'bench-c', test: 'dropout' }))
    const second = await startRun('bench-a', '2026-12-02T10:05:00.000Z')
    await second.publish(second.started({ station: 'bench-a', time: '2026-12-02T10:05:00.000Z' }))
    await until(() => lastOf('bench-a')?.id === second.runId && lastOf('bench-c') !== undefined)
    expect(tracker.latest().map((r) => [r.station, r.id])).toEqual([
      ['bench-a', second.runId],
      ['bench-c', other.runId],
    ])
  })

  it('skips what is not a run event of its run', async () => {
    const tracker = await follow()
    const run = await startRun('bench-a', '2026-12-02T10:00:00.000Z')
    await terminal.publishRunEvent(run.runId, 'not an event')
    await terminal.publishRunEvent(run.runId, { type: 'progress', runId: 'another-run' })
    await run.publish(run.started({ station: 'bench-a' }))
    await until(() => tracker.latest().length === 1)
    expect(changes).toHaveLength(1)
    expect(errors).toEqual([])
  })
})
