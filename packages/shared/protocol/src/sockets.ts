/** Most sockets a DUT board has (`bench.sockets`, `dvt serve --sockets N`). docs/physics.md#sockets */
export const MAX_SOCKETS = 16

/**
 * The switch/measure unit's channel banks (docs/scpi.md#switchmeasure-unit): channel `bank + n` measures socket n.
 * `vout` (101…116) is the socket's output voltage; `iin` (201…216) is the socket's current-sense amplifier,
 * whose output is the socket's input current times {@link CURRENT_SENSE_V_PER_A}.
 */
export const MUX_BANKS = Object.freeze({ vout: 100, iin: 200 } as const)
export type MuxBank = keyof typeof MUX_BANKS

/** Scaling of each socket's input-current sense amplifier (10 mΩ shunt × gain 100): volts per ampere. */
export const CURRENT_SENSE_V_PER_A = 1

/** The channel that reads `bank` of socket `socket` (`muxChannel('vout', 3)` → 103). */
export function muxChannel(bank: MuxBank, socket: number): number {
  return MUX_BANKS[bank] + socket
}

/** The serial of lot member `index` (1-based): `<lot name>-<index, 3 digits>`, e.g. `LOT24-07-003`. docs/physics.md#lots */
export function lotSerial(lotName: string, index: number): string {
  return `${lotName}-${String(index).padStart(3, '0')}`
}
