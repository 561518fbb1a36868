import type { CampaignDut, CampaignPoint, CampaignProgress, CampaignRecord, CampaignResult } from '@dvt/storage/records'

/** Fields every campaign event carries: the campaign, the wall time (ISO-8601) and the progress after the event. */
interface CampaignEventBase {
  campaignId: string
  time: string
  progress: CampaignProgress
}

export interface CampaignStartedEvent extends CampaignEventBase {
  type: 'campaign-started'
  campaign: CampaignRecord
  /** A `--resume`: points already done are not measured again. */
  resumed: boolean
}

/** The chamber is going to the next temperature (one ramp and soak for every board and step). */
export interface TemperatureStartedEvent extends CampaignEventBase {
  type: 'temperature-started'
  temperatureIndex: number
  temperatureC: number
  temperatures: number
}

/** A board of DUTs is in the sockets (loaded by the simulator's handler, or by the operator). */
export interface BoardLoadedEvent extends CampaignEventBase {
  type: 'board-loaded'
  board: number
  boards: number
  /** The DUTs by socket, socket 1 first. */
  serials: string[]
}

export interface PointStartedEvent extends CampaignEventBase {
  type: 'point-started'
  point: CampaignPoint
  runId: string
  attempt: number
}

export interface PointFinishedEvent extends CampaignEventBase {
  type: 'point-finished'
  /** With its final status (`done`, `failed`, `error`). */
  point: CampaignPoint
  results: CampaignResult[]
  /** Why the point's run ended in error, in one sentence; null otherwise. */
  reason: string | null
}

/** Every point of a DUT is measured: its derived parameters and verdict are known. */
export interface DutFinishedEvent extends CampaignEventBase {
  type: 'dut-finished'
  dut: CampaignDut
  derived: CampaignResult[]
  /** The yield over the DUTs finished so far. */
  yield: number | null
}

export interface CampaignFinishedEvent extends CampaignEventBase {
  type: 'campaign-finished'
  campaign: CampaignRecord
}

/** Everything that happens in a campaign, in order (the runner's observer, `RunCampaignOptions.onEvent`). */
export type CampaignEvent =
  | CampaignStartedEvent
  | TemperatureStartedEvent
  | BoardLoadedEvent
  | PointStartedEvent
  | PointFinishedEvent
  | DutFinishedEvent
  | CampaignFinishedEvent

export type CampaignEventType = CampaignEvent['type']

/** Asks the operator to put a board's DUTs into the sockets (real hardware); resolves once they are in. */
export type LoadBoard = (board: number, serials: readonly string[]) => Promise<void>
