import type { SimulationControl } from '@dvt/drivers'
import { boardWiring, type RunSession, settleChamber, type TestClock } from '@dvt/framework'
import { CampaignError } from '../campaign-error'
import type { LoadBoard } from '../campaign-events'
import type { PlannedBoard } from '../plan-points'
import type { Plan } from '../plan-schema'

/** The bench as a campaign drives it between its runs: the chamber, the board handler and the truths. */
export interface CampaignBench {
  readonly simulated: boolean
  /** One ramp and soak at a temperature, for every socket and step after it. */
  soak(temperatureC: number): Promise<void>
  /** Puts a board in the sockets (unless it is there already) and lets it settle; true when it was swapped. */
  load(board: PlannedBoard, serials: readonly string[]): Promise<boolean>
  /** The simulator's truth of each socket's part (lower-case parameter names); null on real hardware. */
  truths(sockets: number): Promise<Record<string, number>[] | null>
}

/** The session's clock as a test sees it, its waits ended by `signal`. */
function testClock(session: RunSession, signal: AbortSignal): TestClock {
  const { clock } = session
  return {
    kind: clock.kind,
    now: () => clock.now(),
    sync: () => clock.sync(),
    wait: (seconds) => clock.wait(seconds, { signal }),
  }
}

async function requireSockets(session: RunSession, plan: Plan, control: SimulationControl | undefined) {
  const have = control ? await control.sockets() : boardWiring(session.config).sockets.length
  if (have >= plan.sockets) return
  const how = control
    ? `start it with "dvt serve --sockets ${plan.sockets}"`
    : "wire more sockets (board.sockets in the configuration) or lower the plan's sockets"
  throw new CampaignError(
    'CAMPAIGN_BENCH',
    `the plan measures ${plan.sockets} DUTs at once but the bench has ${have} socket${have === 1 ? '' : 's'} — ${how}`,
  )
}

/**
 * Checks the bench can run the plan and makes it ready: enough sockets, and on the simulator the plan's lot (so
 * `dvt serve` + `dvt run-plan` just works); on real hardware someone must load the boards (`loadBoard`).
 */
export async function prepareBench(
  session: RunSession,
  plan: Plan,
  signal: AbortSignal,
  loadBoard: LoadBoard | undefined,
): Promise<CampaignBench> {
  const { control, chamber } = session.instruments
  await requireSockets(session, plan, control)
  if (!control && !loadBoard) {
    throw new CampaignError(
      'CAMPAIGN_BENCH',
      'a campaign on real hardware needs someone to load each board — run it from a terminal ("dvt run-plan"), which asks',
    )
  }
  if (control) await control.defineLot(JSON.stringify(plan.lot))
  const clock = testClock(session, signal)
  let loaded: number | null = control ? 0 : null
  const s = plan.soak
  return {
    simulated: control !== undefined,
    async soak(temperatureC) {
      await chamber.setRampRate(s.ramp_c_per_min)
      await chamber.setWindow(s.window_c)
      await chamber.setSoakTime(s.soak_s)
      await chamber.setFlow(true)
      const options = { rampCPerMin: s.ramp_c_per_min, pollS: s.poll_s, dwellS: s.dwell_s, maxSettleS: s.max_settle_s }
      await settleChamber({ instruments: session.instruments, clock }, temperatureC, options)
    },
    async load(board, serials) {
      if (loaded === board.board) return false
      if (control) await control.loadLot(board.lotIndices[0]! + 1)
      else await loadBoard!(board.board, serials)
      loaded = board.board
      // The swapped parts' cases settle on the chamber air (a few case τ).
      if (s.board_soak_s > 0) await clock.wait(s.board_soak_s)
      return true
    },
    async truths(sockets) {
      if (!control) return null
      const names = await control.dutParameterNames()
      const out: Record<string, number>[] = []
      for (let socket = 1; socket <= sockets; socket++) {
        const truth: Record<string, number> = {}
        for (const name of names) truth[name.toLowerCase()] = await control.getSocketParameter(socket, name)
        out.push(truth)
      }
      return out
    },
  }
}
