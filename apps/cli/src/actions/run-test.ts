import { hostname } from 'node:os'
import type { DvtConfig } from '@dvt/config'
import {
  defaultRegistry,
  openRunSession,
  parseParameterStrings,
  type RunEvent,
  type RunSession,
  type RunState,
  replayConfig,
} from '@dvt/framework'
import { parseSpeed, type SimSpeed, speedProblem } from '@dvt/protocol'
import { CliError, EXIT, exitCodeFor } from '../cli-error'
import { resultsTable } from '../format'
import { handleInterrupts } from '../interrupts'
import { loadCliConfig } from '../load-cli-config'
import { createLogger, type Logger } from '../logger'
import { reportRecovered } from '../open-cli-storage'
import { createProgressDisplay, formatSimTime } from '../progress-display'
import { replayMode } from '../recorded-session'
import { describeReplay, type RunReplay, replayJson, replayOutcome, startRunReplay } from '../run-replay'

interface RunTestFlags {
  set: string[]
  config?: string
  portBase?: string
  station?: string
  operator?: string
  serial?: string
  description?: string
  speed?: string
  json?: boolean
  replay?: string
  strict?: boolean
  lenient?: boolean
}

function parseSets(sets: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const item of sets) {
    const eq = item.indexOf('=')
    if (eq <= 0) throw new CliError('CLI_USAGE', `--set takes key=value, got "${item}"`)
    out[item.slice(0, eq).trim()] = item.slice(eq + 1).trim()
  }
  return out
}

export async function runTest(name: string, flags: RunTestFlags): Promise<number> {
  const config = loadCliConfig({ config: flags.config, portBase: flags.portBase, station: flags.station })
  const test = defaultRegistry.get(name)
  const params = parseParameterStrings(test, parseSets(flags.set))
  const mode = replayMode(flags)
  const replay = flags.replay === undefined ? null : await startRunReplay(config, flags.replay, mode)
  try {
    if (replay && replay.test !== name) {
      console.error(`note: run ${replay.runId.slice(0, 8)} recorded "${replay.test}"; replaying it to "${name}"`)
    }
    const runConfig = replay ? replayConfig(config, replay.server) : config
    const speed = flags.speed === undefined ? undefined : parseSpeedFlag(flags.speed, runConfig)
    // The CLI probes once itself (below), so an unreachable bench records no run; an unreachable database neither
    // (one sentence, exit 2: reportError).
    const session = await openRunSession(runConfig, { probeEachRun: false })
    reportRecovered(session.recovered)
    try {
      await probeBench(session)
      if (speed !== undefined) await session.useSpeed(speed)
      return await execute(session, name, params, flags, replay)
    } finally {
      await session.close()
      reportKeptWrites(session.storage)
    }
  } finally {
    await replay?.server.close()
  }
}

/** Says so when the database went away during the run and its writes waited in the local spool (none lost). */
export function reportKeptWrites(storage: unknown): void {
  const kept = (storage as { keptWrites?: number } | null)?.keptWrites ?? 0
  const pending = (storage as { spooled?: number } | null)?.spooled ?? 0
  if (kept === 0) return
  const where = pending > 0 ? `${pending} still wait in the local spool for the next dvt command` : 'all written since'
  console.error(`note: the database was unreachable during the run; ${kept} writes were kept locally (${where}).`)
}

/** An unreachable bench is one sentence and exit 2, before any run is recorded. */
export async function probeBench(session: RunSession): Promise<void> {
  try {
    await session.probe()
  } catch (error) {
    throw new CliError('CLI_UNREACHABLE', (error as Error).message, EXIT.error, { cause: error })
  }
}

export function parseSpeedFlag(text: string, config: DvtConfig): SimSpeed {
  if (config.instruments.backend !== 'simulator') {
    throw new CliError('CLI_USAGE', '--speed works only with instruments.backend: simulator')
  }
  const value = parseSpeed(text)
  const problem = speedProblem(value)
  if (problem !== null) throw new CliError('CLI_USAGE', `--speed ${problem}, got "${text}"`)
  return value as SimSpeed
}

async function execute(
  session: RunSession,
  name: string,
  params: Record<string, unknown>,
  flags: RunTestFlags,
  replay: RunReplay | null,
): Promise<number> {
  const { runner, storage, config } = session
  const display = flags.json ? null : createProgressDisplay()
  if (display) runner.subscribe((event, state) => display.observe(event, state))
  const log = createLogger(config.logging, 'run-test')
  runner.subscribe((event) => logRunEvent(log, event))
  const stop = handleInterrupts(runner.abort)
  let state: RunState
  try {
    state = await runner.run(name, params, {
      serial: flags.serial ?? null,
      description: flags.description ?? (replay ? `replay of run ${replay.runId.slice(0, 8)}` : null),
      operator: flags.operator ?? null,
    })
  } finally {
    stop()
    display?.close()
  }
  // The run is stored; a database that went away at the very end only costs the summary its file path.
  const run = await storage?.getRun(state.id).catch(() => null)
  const outcome = replay ? replayOutcome(replay) : null
  if (flags.json) {
    const summary = jsonSummary(state, run?.measurementCount ?? state.counts.measurements, run?.parquetPath)
    console.log(JSON.stringify(outcome ? { ...summary, replay: replayJson(outcome) } : summary))
  } else {
    printSummary(state, run?.parquetPath ?? null)
    if (outcome) (outcome.divergence ? console.error : console.log)(`\n${describeReplay(outcome)}`)
  }
  const code = exitCodeFor(state.status)
  // A run that passed but left the recording (strict) is not a pass of the replay.
  return outcome?.divergence && code === EXIT.ok ? EXIT.error : code
}

/** The run's timeline in `logging.file`: what a person would look for after the fact. */
function logRunEvent(log: Logger, event: RunEvent): void {
  const id = event.runId.slice(0, 8)
  if (event.type === 'run-started')
    log.log('info', `run ${id} ${event.test} started (${JSON.stringify(event.parameters)})`)
  else if (event.type === 'step-started') log.log('debug', `run ${id} step ${event.step} (attempt ${event.attempt})`)
  else if (event.type === 'log') log.log(event.level, `run ${id} ${event.message}`)
  else if (event.type === 'result') {
    const r = event.result
    const socket = r.socket === null ? '' : ` (socket ${r.socket})`
    log.log(
      'info',
      `run ${id} result ${r.parameter}${socket} = ${r.value} ${r.unit} (${r.passed === null ? 'no limits' : r.passed ? 'pass' : 'FAIL'})`,
    )
  } else if (event.type === 'run-finished') {
    log.log(
      event.status === 'error' ? 'error' : 'info',
      `run ${id} ${event.status}${event.reason ? ` — ${event.reason}` : ''}`,
    )
  }
}

function jsonSummary(state: RunState, measurements: number, parquet: string | null | undefined) {
  return {
    id: state.id,
    test: state.test,
    status: state.status,
    started_at: state.startedAt,
    completed_at: state.completedAt,
    results: state.results.map((r) => ({
      parameter: r.parameter,
      value: r.value,
      unit: r.unit,
      lower_limit: r.lowerLimit,
      upper_limit: r.upperLimit,
      passed: r.passed,
      socket: r.socket,
    })),
    measurements,
    parquet: parquet ?? null,
  }
}

function printSummary(state: RunState, parquet: string | null): void {
  if (state.results.length > 0) console.log(`\n${resultsTable(state.results)}`)
  const reason = state.statusReason ? ` — ${state.statusReason}` : ''
  console.log(`\n${state.test}: ${state.status.toUpperCase()}${reason}`)
  console.log(`run ${state.id} (short ${state.id.slice(0, 8)}) on ${hostname()}`)
  console.log(`${state.counts.measurements} measurements over ${formatSimTime(state.simTime)} of bench time`)
  if (parquet) console.log(`measurements: ${parquet}`)
  console.log(`report: dvt export-report ${state.id.slice(0, 8)}`)
}
