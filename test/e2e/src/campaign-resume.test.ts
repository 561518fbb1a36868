import type { ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, watch, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { openStorage, type SqliteStorage } from '@dvt/storage'
import { createTcpTransport } from '@dvt/transports'
import { afterEach, describe, expect, it } from 'vitest'
import { collectOutput, runDvt, spawnDvt } from './support/dvt-process'
import { serveForSuite } from './support/serve-for-suite'

// kill -9 of `dvt run-plan` at three moments — during the chamber's ramp, during a sweep, during a run's compaction
// — then `--resume`: nothing done is measured again, nothing measured is lost, each DUT × step × condition once.
// Each moment is caught by stopping the process (SIGSTOP) as soon as it is seen, checking the store says so, and
// only then killing it (SIGKILL): the moment is certain, not a guess about timing.

const PLAN = `
name: resume after kill -9
lot: { name: K9, size: 4, seed: 3, spread: { tempco_ppm_per_c: 10 } }
sockets: 2
temperatures_c: [25, 85]
steps:
  - test: output_voltage
    parameters: { samples: 1000, nplc: 0.02 }
  - test: load_regulation
    parameters: { loads_a: [0, 0.1, 0.2, 0.3], step_settle_s: 30 }
    sweep: { supply_v: [4.5, 5] }
`
const RAMP_PLAN = PLAN.replace('parameters: { samples: 1000, nplc: 0.02 }', 'parameters: { samples: 5 }')

/** Per DUT: vout_v, and 3 load-regulation results at 2 supply voltages, at 2 temperatures; tempco, box, V_out(25). */
const RESULTS_PER_DUT = 2 * (1 + 2 * 3) + 3

describe('dvt run-plan --resume after kill -9', () => {
  const serve = serveForSuite({ args: ['--sockets', '2'] })
  const children: ChildProcess[] = []
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
  })

  /** The plan file; the ramp's test runs at speed 1000, where a thousand readings would outlast a query's timeout. */
  function planFile(text = PLAN): string {
    const file = join(serve().dir, 'resume.yaml')
    writeFileSync(file, text)
    return file
  }
  const dvt = (args: string[]) => runDvt(args, { env: serve().env, cwd: serve().dir, timeoutMs: 120_000 })
  function store(): SqliteStorage {
    return openStorage({
      databasePath: join(serve().dir, 'data', 'dvt.db'),
      measurementsDir: join(serve().dir, 'data', 'measurements'),
    })
  }
  function start(speed: string, text = PLAN) {
    const child = spawnDvt(['run-plan', planFile(text), '--speed', speed, '--json'], {
      env: serve().env,
      cwd: serve().dir,
    })
    children.push(child)
    const output = collectOutput(child)
    return { child, output }
  }

  /**
   * Polls `seen` until it holds, then stops the process and asks `confirm` (what must still hold now that it cannot
   * move on); false if the campaign ended first.
   */
  async function stopWhen(
    child: ChildProcess,
    seen: () => Promise<boolean>,
    confirm: () => Promise<boolean> = seen,
  ): Promise<boolean> {
    while (child.exitCode === null) {
      if (await seen()) {
        child.kill('SIGSTOP')
        if (await confirm()) return true
        child.kill('SIGCONT')
      }
      await new Promise((r) => setTimeout(r, 5))
    }
    return false
  }

  async function killNow(child: ChildProcess): Promise<void> {
    const exited = new Promise((r) => child.once('exit', r))
    child.kill('SIGKILL')
    await exited
  }

  /** Resumes the campaign to its end and checks what it measured: every point once, every result once. */
  async function resumeAndCheck(campaignId: string, doneBefore: number[], text = PLAN) {
    const r = await dvt(['run-plan', planFile(text), '--resume', campaignId.slice(0, 8), '--speed', 'max', '--json'])
    const json = JSON.parse(r.stdout.trim()) as { id: string; status: string; duts: { results: unknown[] }[] }
    expect(json.id).toBe(campaignId)
    expect(['passed', 'failed']).toContain(json.status)
    expect(r.code, r.stderr).toBe(json.status === 'passed' ? 0 : 1)
    const s = store()
    try {
      const points = await s.getCampaignPoints(campaignId)
      expect(points.every((p) => p.status === 'done' || p.status === 'failed')).toBe(true)
      // Nothing done before the kill was measured again: its run is still the one that made it.
      const runs = (await s.listRuns({ limit: 1000 })).runs.filter((run) => run.campaignId === campaignId)
      for (const ordinal of doneBefore) expect(points[ordinal]!.attempts).toBe(1)
      const results = await s.getCampaignResults(campaignId)
      const keys = results.map((x) => `${x.serial} ${x.test} ${x.parameter} ${JSON.stringify(x.conditions)}`)
      expect(new Set(keys).size).toBe(keys.length)
      expect(results).toHaveLength(4 * RESULTS_PER_DUT)
      for (const dut of json.duts) expect(dut.results).toHaveLength(RESULTS_PER_DUT)
      return { points, runs }
    } finally {
      await s.close()
    }
  }

  async function campaignOf(s: SqliteStorage): Promise<string | null> {
    const page = await s.listCampaigns({ limit: 1, status: 'running' })
    return page.campaigns[0]?.id ?? null
  }

  it('Ctrl-C: the campaign ends aborted (exit 130, the bench left safe) and resumes to the same result', async () => {
    const { child, output } = start('max')
    const s = store()
    let id: string | null = null
    try {
      // Stopped with a point done and the next one's run in progress.
      const running = async () => {
        id = await campaignOf(s)
        if (id === null || !(await s.getCampaignPoints(id)).some((p) => p.status === 'done')) return false
        const run = (await s.listRuns({ status: 'running', limit: 1 })).runs[0]
        return run?.campaignId === id
      }
      expect(await stopWhen(child, running)).toBe(true)
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
      child.kill('SIGCONT')
      child.kill('SIGINT')
      expect(await exited).toBe(130)
      expect(output.stderr()).toContain('Ctrl-C: aborting — the bench is being made safe')
      const aborted = await s.getCampaign(id!)
      expect(aborted).toMatchObject({ status: 'aborted' })
      expect(aborted!.statusReason).toContain(`--resume ${id!.slice(0, 8)}`)
      // The run in progress was aborted and ended with the bench safe.
      const runs = (await s.listRuns({ limit: 100 })).runs.filter((r) => r.campaignId === id)
      const stopped = runs.filter((r) => r.status === 'aborted')
      expect(stopped).toHaveLength(1)
      const events = (await s.getEvents(stopped[0]!.id)).map((e) => e.message)
      expect(events.some((m) => m.startsWith('bench left safe'))).toBe(true)
      expect(runs.filter((r) => r.status === 'running')).toEqual([])
    } finally {
      await s.close()
    }
    const s2 = store()
    const done = (await s2.getCampaignPoints(id!)).filter((p) => p.status === 'done').map((p) => p.ordinal)
    await s2.close()
    await resumeAndCheck(id!, done)
  }, 120_000)

  it('during the ramp to the second temperature: resumes with that temperature, nothing of the first again', async () => {
    const { child } = start('1000', RAMP_PLAN)
    const control = createTcpTransport({ host: '127.0.0.1', port: serve().ports.control, name: 'control' })
    const s = store()
    let id: string | null = null
    let done: number[] = []
    try {
      const chamber = async () =>
        JSON.parse(await control.query('SIM:STAT?')) as { setpoint_c: number; chamber_c: number }
      const early = async () => {
        const state = await chamber()
        return state.setpoint_c === 85 && state.chamber_c < 60
      }
      // The simulator's clock runs on at speed 1000 while the process is stopped: it is still ramping, far from 85 °C.
      const ramping = async () => {
        const state = await chamber()
        if (state.setpoint_c !== 85 || state.chamber_c > 84) return false
        id = await campaignOf(s)
        if (id === null) return false
        const points = await s.getCampaignPoints(id)
        done = points.filter((p) => p.status === 'done').map((p) => p.ordinal)
        // Every point at 25 °C is done, none at 85 °C has started: the campaign is in its soak.
        return points.every((p) =>
          p.temperatureIndex === 0 ? p.status !== 'pending' && p.status !== 'running' : p.status === 'pending',
        )
      }
      expect(await stopWhen(child, early, ramping)).toBe(true)
      await killNow(child)
    } finally {
      await control.close()
      await s.close()
    }
    const { points } = await resumeAndCheck(id!, done, RAMP_PLAN)
    expect(points.filter((p) => p.temperatureIndex === 1).every((p) => p.attempts === 1)).toBe(true)
  }, 120_000)

  it('during a sweep: the interrupted run is kept (error, its readings compacted) and its point measured again', async () => {
    const { child } = start('max')
    const s = store()
    let id: string | null = null
    let killedRun: string | null = null
    let killedPoint: number | null = null
    let done: number[] = []
    try {
      const sweeping = async () => {
        const running = (await s.listRuns({ status: 'running', test: 'load_regulation', limit: 1 })).runs[0]
        if (!running || running.measurementCount === 0) return false
        id = running.campaignId
        killedRun = running.id
        const points = await s.getCampaignPoints(id!)
        done = points.filter((p) => p.status === 'done').map((p) => p.ordinal)
        killedPoint = points.find((p) => p.runId === running.id)?.ordinal ?? null
        // The run is past its first load point and not at its end.
        const events = await s.getEvents(running.id)
        return (
          events.some((e) => e.message === 'step "sweep" started (attempt 1)') &&
          !events.some((e) => e.message.startsWith('run finished'))
        )
      }
      expect(await stopWhen(child, sweeping)).toBe(true)
      await killNow(child)
    } finally {
      await s.close()
    }
    const { points, runs } = await resumeAndCheck(id!, done)
    const killed = runs.find((r) => r.id === killedRun)!
    expect(killed).toMatchObject({ status: 'error', statusReason: 'interrupted' })
    expect(killed.measurementCount).toBeGreaterThan(0)
    expect(existsSync(killed.parquetPath!)).toBe(true)
    // Its point (left running) was measured again by a new run; no other point was.
    expect(points[killedPoint!]).toMatchObject({ attempts: 2, test: 'load_regulation' })
    expect(points[killedPoint!]!.runId).not.toBe(killedRun)
    expect(points.filter((p) => p.attempts > 1).map((p) => p.ordinal)).toEqual([killedPoint])
  }, 120_000)

  it('during a compaction: the half-written Parquet file is not taken for the run, which is recovered and redone', async () => {
    const measurements = join(serve().dir, 'data', 'measurements')
    mkdirSync(measurements, { recursive: true })
    const { child } = start('max')
    const s = store()
    let id: string | null = null
    let killedRun: string | null = null
    let killedPoint: number | null = null
    let done: number[] = []
    const temps: string[] = []
    const watcher = watch(measurements, { recursive: true }, (_, name) => {
      if (name?.endsWith('.parquet.tmp') && child.exitCode === null) {
        child.kill('SIGSTOP')
        temps.push(name)
      }
    })
    try {
      const compacting = async () => {
        const name = temps.at(-1)
        if (name === undefined) return false
        const runId = /run_([0-9a-f-]{36})\.parquet\.tmp$/.exec(name)?.[1]
        const run = runId ? await s.getRun(runId) : null
        // Stopped with the file being written and the run not yet completed in the store: mid-compaction.
        if (run?.status === 'running' && existsSync(join(measurements, name)) && run.campaignId) {
          id = run.campaignId
          killedRun = run.id
          const points = await s.getCampaignPoints(id)
          done = points.filter((p) => p.status === 'done').map((p) => p.ordinal)
          killedPoint = points.find((p) => p.runId === run.id)?.ordinal ?? null
          return killedPoint !== null
        }
        temps.length = 0
        child.kill('SIGCONT')
        return false
      }
      expect(await stopWhen(child, compacting)).toBe(true)
      await killNow(child)
    } finally {
      watcher.close()
      await s.close()
    }
    const { points, runs } = await resumeAndCheck(id!, done)
    const killed = runs.find((r) => r.id === killedRun)!
    expect(killed).toMatchObject({ status: 'error', statusReason: 'interrupted' })
    expect(killed.measurementCount).toBeGreaterThan(0)
    expect(existsSync(killed.parquetPath!)).toBe(true)
    expect(points[killedPoint!]!.attempts).toBe(2)
    expect(points[killedPoint!]!.runId).not.toBe(killedRun)
    expect(points.filter((p) => p.attempts > 1).map((p) => p.ordinal)).toEqual([killedPoint])
  }, 120_000)
})
