import type { RunStatus } from '@dvt/storage/records'
import { SINGLE_DUT } from '../board'
import { FrameworkError } from '../framework-error'
import { describeFailure } from '../limits'
import { collectProvenance } from '../provenance'
import type { MeasurementInfo } from '../run-events'
import type { RunState } from '../run-state'
import type { RunnerOptions, RunOptions } from '../runner'
import { createTestSockets, type TestSockets } from '../sockets'
import type { DvtTest } from '../test-definition'
import type { RunBus } from './run-bus'
import { createStepContext, type RunEnvironment, runStepAttempt } from './step-runner'

export interface RunExecution {
  test: DvtTest
  params: Record<string, unknown>
  bus: RunBus
  runId: string
  timebase: { origin: number }
  signal: AbortSignal
  options: RunnerOptions
  runOptions: RunOptions
}

interface Ending {
  status: Extract<RunStatus, 'error' | 'aborted'>
  reason: string
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error))

function abortEnding(signal: AbortSignal): Ending {
  const reason = signal.reason instanceof Error ? signal.reason.message : String(signal.reason ?? 'aborted')
  return { status: 'aborted', reason }
}

function errorEnding(step: string, error: unknown): Ending {
  if (error instanceof FrameworkError && error.code === 'FRAMEWORK_STEP_TIMEOUT') {
    return { status: 'error', reason: error.message }
  }
  return { status: 'error', reason: `step "${step}" failed: ${message(error)}` }
}

/** Runs the steps in order, following their control flow. Returns how the run ended early, if it did. */
async function runSteps(env: RunEnvironment, test: DvtTest, signal: AbortSignal): Promise<Ending | null> {
  for (const [index, step] of test.steps.entries()) {
    for (let attempt = 1; ; attempt++) {
      if (signal.aborted) return abortEnding(signal)
      env.bus.emit({ type: 'step-started', step: step.name, index, attempt })
      const result = await runStepAttempt(env, step, signal)
      const repeat = result.control === 'repeat'
      const tooMany = repeat && attempt > step.maxRepeats
      if (!repeat) for (const r of result.results) env.bus.emit({ type: 'result', step: step.name, result: r })
      const error = tooMany ? `asked to repeat more than ${step.maxRepeats} times` : result.error
      const outcome = tooMany ? 'error' : result.outcome
      env.bus.emit({
        type: 'step-finished',
        step: step.name,
        index,
        outcome,
        control: result.control,
        error: error === null ? null : message(error),
      })
      if (outcome === 'aborted') return abortEnding(signal)
      if (outcome === 'error') return errorEnding(step.name, error)
      if (result.control === 'stop') return null
      if (!repeat) break
    }
  }
  return null
}

/** Teardown, then the safe state: every action attempted even if another fails. */
async function finish(env: RunEnvironment, test: DvtTest): Promise<void> {
  const calm = new AbortController().signal
  try {
    await test.teardown(createStepContext(env, 'teardown', calm, null, []))
  } catch (error) {
    env.bus.emit({ type: 'log', level: 'error', message: `teardown failed: ${message(error)}` })
  }
  const { supply, load } = env.instruments
  // Channel 1 as on a one-DUT bench, then every other load channel the run used.
  const channels = [...new Set(env.sockets.used().map((socket) => socket.load.number))].filter((n) => n !== 1)
  const actions: Array<[string, () => Promise<void>]> = [
    ['switch the electronic load input off', () => load.setInput(false)],
    ...channels.map((n): [string, () => Promise<void>] => [
      `switch the electronic load's channel ${n} off`,
      () => load.channel(n).setInput(false),
    ]),
    ['switch the power supply output off', () => supply.setOutput(1, false)],
  ]
  const outcomes = await Promise.allSettled(actions.map(([, act]) => act()))
  const problems = outcomes.flatMap((o, i) =>
    o.status === 'rejected' ? [`could not ${actions[i]![0]}: ${message(o.reason)}`] : [],
  )
  for (const problem of problems) env.bus.emit({ type: 'log', level: 'error', message: problem })
  if (problems.length === 0) {
    const inputs = channels.length === 0 ? 'load input off' : `load inputs off (channels 1, ${channels.join(', ')})`
    env.bus.emit({ type: 'log', level: 'info', message: `bench left safe: ${inputs}, supply output off` })
  }
}

function verdict(env: RunEnvironment, state: RunState): { status: 'passed' | 'failed'; reason: string | null } {
  const measured = new Set(state.results.map((r) => r.parameter))
  for (const declared of state.declared.filter((m) => !measured.has(m.name))) {
    env.bus.emit({ type: 'log', level: 'warn', message: `${declared.name} was never measured` })
  }
  const failures = state.results.filter((r) => r.passed === false)
  if (failures.length === 0) return { status: 'passed', reason: null }
  return { status: 'failed', reason: failures.map(describeFailure).join('; ') }
}

/** The sockets a run tests: its `sockets` parameter, else its `socket`, else 1. */
function socketsOf(run: RunExecution): number[] {
  const { socket, sockets } = run.params as { socket?: unknown; sockets?: unknown }
  if (Array.isArray(sockets) && sockets.length > 0 && sockets.every((n) => typeof n === 'number')) return sockets
  return [typeof socket === 'number' ? socket : 1]
}

/** The socket whose part the run's provenance records: the first it tests. */
function socketOf(run: RunExecution): number {
  return socketsOf(run)[0]!
}

/**
 * The DUT serial the run is recorded with: the one given, else when it tests one socket other than 1 its part's
 * serial as the simulator knows it (socket 1 asks nothing, so its run sends what a one-DUT bench sent). A run over
 * several sockets has no one serial: its log names each socket's part.
 */
async function dutSerial(run: RunExecution, sockets: TestSockets): Promise<string | null> {
  if (run.runOptions.serial) return run.runOptions.serial
  const tested = socketsOf(run)
  if (tested.length > 1) return null
  const socket = tested[0]!
  if (socket === 1) return null
  // A socket the bench does not have, or a bench that does not answer: the steps and the probe say so.
  return (await sockets.get(socket)).serial().catch(() => null)
}

async function announce(run: RunExecution, measurements: MeasurementInfo[], serial: string | null): Promise<void> {
  const { options, runOptions, test } = run
  const provenance = await collectProvenance({
    instruments: options.instruments,
    station: options.station ?? null,
    softwareVersion: options.softwareVersion,
    config: options.config ?? null,
    socket: socketOf(run),
  })
  run.bus.emit({
    type: 'run-started',
    test: test.name,
    parameters: run.params,
    serial,
    operator: runOptions.operator ?? options.operator ?? null,
    description: runOptions.description ?? null,
    station: provenance.station,
    softwareVersion: options.softwareVersion,
    config: options.config ?? null,
    seed: provenance.simulator?.seed ?? options.config?.physics.seed ?? null,
    provenance,
    ...(runOptions.campaignId ? { campaignId: runOptions.campaignId } : {}),
    clock: options.clock.kind,
    steps: test.steps.map((s) => s.name),
    measurements,
  })
}

/** Without a configured board: one DUT, and on the simulator whatever board it has. */
function defaultBoard(options: RunnerOptions) {
  return { simulated: options.instruments.backend === 'simulator', sockets: [SINGLE_DUT] }
}

/** Writes the run's session file; a recording that cannot be written is a warning of the run, not its failure. */
function saveSession(run: RunExecution, status: RunStatus): void {
  const recorder = run.options.recorder
  if (!recorder) return
  try {
    recorder.finish(run.runId, status)
  } catch (error) {
    run.bus.emit({ type: 'log', level: 'warn', message: `the session recording was not saved: ${message(error)}` })
  }
}

/** One run from start to finish: announce, probe, steps, teardown, safe state, verdict. */
export async function executeRun(run: RunExecution): Promise<RunState> {
  const { test, params, bus, options, signal } = run
  const measurements = test.measurements
    .filter((m) => m.applies(params))
    .map(({ name, unit, description, limits }) => ({ name, unit, description, limits: limits(params) }))
  const sockets = createTestSockets(options.instruments, options.board ?? defaultBoard(options))
  await announce(run, measurements, await dutSerial(run, sockets).catch(() => null))
  const env: RunEnvironment = {
    runId: run.runId,
    bus,
    instruments: options.instruments,
    sockets,
    clock: options.clock,
    timebase: run.timebase,
    params,
    measurements: new Map(measurements.map((m) => [m.name, m])),
  }
  let ending: Ending | null
  try {
    if (options.probe !== false) await options.instruments.probe()
    run.timebase.origin = await options.clock.sync()
    ending = await runSteps(env, test, signal)
  } catch (error) {
    ending = signal.aborted ? abortEnding(signal) : { status: 'error', reason: message(error) }
  }
  await finish(env, test)
  const end = ending ?? verdict(env, bus.state)
  saveSession(run, end.status)
  bus.emit({ type: 'run-finished', status: end.status, reason: end.reason })
  await bus.settle()
  return bus.state
}
