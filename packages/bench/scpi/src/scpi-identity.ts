/** Identity answered by `*IDN?`. */
export interface ScpiIdentity {
  readonly manufacturer: string
  readonly model: string
  readonly serial: string
  readonly firmware: string
}
