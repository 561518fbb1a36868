/**
 * A SCPI status register (SCPI-99 Vol. 1 §9): the condition follows the instrument, rising condition bits latch
 * into the event register, and `event & enable` is summarised into a status-byte bit.
 */
export interface ScpiStatusRegister {
  /** Live state, set by the instrument. */
  readonly condition: number
  /** Latched rising edges since the last read or `*CLS`. */
  readonly event: number
  /** Which event bits reach the status byte (`STATus:…:ENABle`). */
  enable: number
  /** Sets (on = true) or clears the condition bits in `mask`; bits that rise latch into the event register. */
  setCondition(mask: number, on: boolean): void
  /** Returns the event register and clears it (what `STATus:…[:EVENt]?` does). */
  readEvent(): number
  /** True when an enabled event bit is set. */
  readonly summary: boolean
}

export function createStatusRegister(): ScpiStatusRegister & { clearEvent(): void } {
  let condition = 0
  let event = 0
  return {
    get condition() {
      return condition
    },
    get event() {
      return event
    },
    enable: 0,
    setCondition(mask, on) {
      const next = on ? condition | mask : condition & ~mask
      event |= next & ~condition
      condition = next
    },
    readEvent() {
      const e = event
      event = 0
      return e
    },
    get summary() {
      return (event & this.enable) !== 0
    },
    clearEvent() {
      event = 0
    },
  }
}
