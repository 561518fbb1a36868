import { CodedError } from '@dvt/protocol'

/** What went wrong with a campaign. */
export type CampaignErrorCode =
  /** The plan (file, pasted YAML or `--set`) has problems; `problems` lists each in one sentence with its line. */
  | 'CAMPAIGN_INVALID_PLAN'
  /** The bench cannot run the plan (too few sockets, no lot on real hardware…); the message says what to do. */
  | 'CAMPAIGN_BENCH'
  /** A campaign cannot be resumed (finished, owned by a live process, another plan). */
  | 'CAMPAIGN_NOT_RESUMABLE'
  /** No campaign has that ID. */
  | 'CAMPAIGN_NOT_FOUND'

/** The campaign package's one error class. */
export class CampaignError extends CodedError<CampaignErrorCode> {
  override readonly name = 'CampaignError'

  constructor(
    code: CampaignErrorCode,
    message: string,
    /** Every problem of an invalid plan, one sentence each (`plans/x.yaml:12: steps[1].sweep.load_a: …`). */
    readonly problems: readonly string[] = [message],
    options?: ErrorOptions,
  ) {
    super(code, message, options)
  }
}

export function isCampaignError(error: unknown): error is CampaignError {
  return error instanceof CampaignError
}
