/**
 * An error an instrument reports, as data (`SYSTem:ERRor?` → `-113,"Undefined header"`): the instruments queue
 * them, the drivers read them. docs/scpi.md#error-queue
 */
export interface ScpiErrorEntry {
  readonly code: number
  /** The standard string, with an optional `;detail`. */
  readonly message: string
}
