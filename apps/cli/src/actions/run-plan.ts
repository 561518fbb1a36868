import { type CampaignOutcome, type CampaignSummary, isCampaignError, loadPlan, runCampaign } from '@dvt/campaigns'
import type { DvtConfig } from '@dvt/config'
import { openRunSession, type RunSession } from '@dvt/framework'
import { createBoardPrompt } from '../board-prompt'
import { createCampaignProgress } from '../campaign-progress'
import { CliError, EXIT, exitCodeFor } from '../cli-error'
import { formatPercent } from '../format'
import { handleInterrupts } from '../interrupts'
import { loadCliConfig } from '../load-cli-config'
import { reportRecovered } from '../open-cli-storage'
import { readPlanFile } from '../plan-file'
import { formatSimTime } from '../progress-display'
import { parseSpeedFlag, probeBench, reportKeptWrites } from './run-test'

interface RunPlanFlags {
  set: string[]
  config?: string
  portBase?: string
  station?: string
  operator?: string
  speed?: string
  json?: boolean
  resume?: string
}

/** `dvt run-plan <file>`: exit 0 when the lot meets the acceptance, 1 when not, 2 error, 130 aborted. */
export async function runPlan(file: string, flags: RunPlanFlags): Promise<number> {
  const config = loadCliConfig({ config: flags.config, portBase: flags.portBase, station: flags.station })
  const planText = readPlanFile(file)
  let plan: ReturnType<typeof loadPlan>
  try {
    plan = loadPlan({ text: planText, file, sets: flags.set })
  } catch (error) {
    if (!isCampaignError(error)) throw error
    for (const problem of error.problems) console.error(problem)
    console.error(`\n${file}: nothing was run ("dvt validate-plan ${file}" checks a plan)`)
    return EXIT.error
  }
  const speed = flags.speed === undefined ? undefined : parseSpeedFlag(flags.speed, config)
  const session = await openBoardSession(config)
  reportRecovered(session.recovered)
  try {
    if (speed !== undefined) await session.useSpeed(speed)
    const display = flags.json ? null : createCampaignProgress()
    const controller = new AbortController()
    const stop = handleInterrupts((reason) => controller.abort(reason ?? 'aborted'))
    // Real hardware: someone loads each board, asked on the terminal.
    const prompt = session.instruments.control ? undefined : createBoardPrompt(controller.signal)
    let outcome: CampaignOutcome
    try {
      outcome = await runCampaign({
        session,
        plan,
        planText,
        planPath: file,
        operator: flags.operator ?? null,
        resume: flags.resume ?? null,
        signal: controller.signal,
        onEvent: (event) => display?.observe(event),
        ...(prompt ? { onLoadBoard: prompt.loadBoard } : {}),
      })
    } catch (error) {
      if (isCampaignError(error)) throw new CliError('CLI_USAGE', error.message, EXIT.error, { cause: error })
      throw error
    } finally {
      prompt?.close()
      stop()
      display?.close()
    }
    if (flags.json) console.log(JSON.stringify(campaignJson(outcome.summary)))
    else printOutcome(outcome)
    return exitCodeFor(outcome.campaign.status)
  } finally {
    await session.close()
    reportKeptWrites(session.storage)
  }
}

/**
 * The run session on the bench as it is: on the simulator the board has the sockets `dvt serve --sockets N` gave it
 * (not the client's own `bench.sockets`), so every socket — socket 1 too — is wired as a board's (docs/tests.md#sockets).
 */
async function openBoardSession(config: DvtConfig): Promise<RunSession> {
  const session = await openRunSession(config, { probeEachRun: false })
  let sockets: number
  try {
    await probeBench(session)
    sockets = session.instruments.control ? await session.instruments.control.sockets() : config.bench.sockets
    if (sockets === config.bench.sockets) return session
  } catch (error) {
    await session.close()
    throw error
  }
  await session.close()
  return openRunSession({ ...config, bench: { ...config.bench, sockets } }, { probeEachRun: false })
}

const verdictOf = (passed: boolean | null) => (passed === null ? null : passed ? 'pass' : 'fail')

/** The one JSON line of `--json` (docs/campaigns.md#cli). */
export function campaignJson(summary: CampaignSummary) {
  const { campaign } = summary
  return {
    id: campaign.id,
    status: campaign.status,
    yield: campaign.yield,
    simulated_s: campaign.simulatedSeconds,
    duts: summary.duts.map((dut) => ({
      serial: dut.serial,
      socket: dut.socket,
      verdict: dut.verdict,
      results: summary.results
        .filter((r) => r.serial === dut.serial)
        .map((r) => ({
          test: r.test,
          conditions: r.conditions,
          parameter: r.parameter,
          value: r.value,
          unit: r.unit,
          verdict: verdictOf(r.passed),
        })),
      ...(dut.truth === null ? {} : { truth: dut.truth }),
    })),
    statistics: summary.statistics.map((s) => ({
      parameter: s.parameter,
      conditions: s.conditions,
      unit: s.unit,
      n: s.n,
      mean: s.mean,
      std: s.std,
      min: s.min,
      max: s.max,
      cpk: s.cpk,
      yield: s.yield,
    })),
  }
}

function printOutcome({ campaign, summary }: CampaignOutcome): void {
  const passed = summary.duts.filter((d) => d.verdict === 'pass').length
  const judged = summary.duts.filter((d) => d.verdict !== null).length
  const y = formatPercent(campaign.yield)
  const acceptance = campaign.minYield === null ? '' : ` (acceptance ${formatPercent(campaign.minYield)})`
  console.log(
    `\n${campaign.name}: ${campaign.status.toUpperCase()}${campaign.statusReason ? ` — ${campaign.statusReason}` : ''}`,
  )
  console.log(`yield ${y}${acceptance}: ${passed} of ${judged} DUTs pass`)
  console.log(
    `${campaign.progress.pointsDone} of ${campaign.progress.pointsTotal} points, ${formatSimTime(campaign.simulatedSeconds)} of bench time`,
  )
  console.log(`campaign ${campaign.id} (short ${campaign.id.slice(0, 8)})`)
  console.log(`table: dvt show-campaign ${campaign.id.slice(0, 8)}`)
}
