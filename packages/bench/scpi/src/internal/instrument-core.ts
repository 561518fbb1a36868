import type { ScpiErrorEntry } from '@dvt/protocol'
import { ScpiExecutionError, scpiErrorMessage } from '../scpi-errors'
import type { ScpiIdentity } from '../scpi-identity'
import { createStatusRegister } from '../status-register'

export const ERROR_QUEUE_SIZE = 20

/** Event Status Register bits (IEEE 488.2 §11.5.1). */
export const ESR = { OPC: 1, QYE: 4, DDE: 8, EXE: 16, CME: 32, PON: 128 } as const
/** Status Byte bits (IEEE 488.2 §11.2 and SCPI-99 §9). */
export const STB = { EAV: 4, QUES: 8, MAV: 16, ESB: 32, MSS: 64, OPER: 128 } as const

function esrBitFor(code: number): number {
  if (code <= -100 && code > -200) return ESR.CME
  if (code <= -200 && code > -300) return ESR.EXE
  if (code <= -400 && code > -500) return ESR.QYE
  return ESR.DDE
}

/** State shared by every session of one instrument: error queue, IEEE 488.2 registers, pending operations. */
export class InstrumentCore {
  esr = 0
  ese = 0
  sre = 0
  readonly questionable = createStatusRegister()
  readonly operation = createStatusRegister()
  readonly errors: ScpiErrorEntry[] = []
  pendingCount = 0
  private opcArmed = false
  private waiters: (() => void)[] = []

  constructor(
    readonly identity: ScpiIdentity,
    private readonly hooks: { reset(): void; trigger(): void; unexpected(error: unknown): void },
  ) {}

  pushError(code: number, detail?: string): void {
    if (code === 0) return
    this.esr |= esrBitFor(code)
    const message = detail ? `${scpiErrorMessage(code)};${asciiOnly(detail)}` : scpiErrorMessage(code)
    if (this.errors.length < ERROR_QUEUE_SIZE) {
      this.errors.push({ code, message })
      return
    }
    this.esr |= ESR.DDE
    this.errors[ERROR_QUEUE_SIZE - 1] = { code: -350, message: scpiErrorMessage(-350) }
  }

  /** Queues the error a handler threw or a pending operation rejected with. */
  report(error: unknown): void {
    if (error instanceof ScpiExecutionError) {
      this.pushError(error.code, error.detail)
      return
    }
    this.hooks.unexpected(error)
    this.pushError(-300, error instanceof Error ? error.message : String(error))
  }

  statusByte(mav: boolean): number {
    let stb = 0
    if (this.errors.length > 0) stb |= STB.EAV
    if (this.questionable.summary) stb |= STB.QUES
    if (mav) stb |= STB.MAV
    if ((this.esr & this.ese) !== 0) stb |= STB.ESB
    if (this.operation.summary) stb |= STB.OPER
    if ((stb & this.sre & ~STB.MSS) !== 0) stb |= STB.MSS
    return stb
  }

  /** `*CLS`: event registers, error queue and a waiting `*OPC`. */
  clearStatus(): void {
    this.esr = 0
    this.errors.length = 0
    this.questionable.clearEvent()
    this.operation.clearEvent()
    this.opcArmed = false
  }

  reset(): void {
    this.hooks.reset()
  }

  trigger(): void {
    this.hooks.trigger()
  }

  addPending(work: Promise<unknown>): void {
    this.pendingCount++
    work.then(
      () => this.settle(),
      (error: unknown) => {
        this.report(error)
        this.settle()
      },
    )
  }

  private settle(): void {
    if (--this.pendingCount > 0) return
    if (this.opcArmed) {
      this.opcArmed = false
      this.esr |= ESR.OPC
    }
    const waiters = this.waiters
    this.waiters = []
    for (const w of waiters) w()
  }

  /** `*OPC`: sets ESR bit 0 now, or when the pending operations have completed. */
  armOpc(): void {
    if (this.pendingCount === 0) this.esr |= ESR.OPC
    else this.opcArmed = true
  }

  /** Null when nothing is pending, else a promise that resolves once every pending operation settled. */
  whenIdle(): Promise<void> | null {
    if (this.pendingCount === 0) return null
    return new Promise((resolve) => this.waiters.push(resolve))
  }
}

/** Instruments answer in ASCII (a VISA client decodes replies as ASCII): `…` → `...`, `−` → `-`, others → `?`. */
function asciiOnly(text: string): string {
  if (/^[\x00-\x7f]*$/.test(text)) return text
  return text
    .replaceAll('…', '...')
    .replaceAll('−', '-')
    .replaceAll('≥', '>=')
    .replaceAll('≤', '<=')
    .replace(/[^\x00-\x7f]/g, '?')
}
