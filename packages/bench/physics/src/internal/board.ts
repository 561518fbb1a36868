import type { LotControl, SocketControl } from '../bench-controls'
import type { Lot, LotParams } from '../lot'
import { PhysicsError } from '../physics-error'
import { createDutControl, createLoadControl } from './controls'
import type { Engine } from './engine'
import type { SocketState } from './socket-state'

/** The sockets' controls and the lot handler over the engine's sockets; `makeLot` draws (and checks) another lot. */
export function createBoard(
  engine: Engine,
  configured: { params: LotParams; lot: Lot },
  makeLot: (params: LotParams) => Lot,
): { sockets: readonly SocketControl[]; lot: LotControl } {
  const members = engine.sockets.map(() => 0)
  let lot = configured.lot
  let params = configured.params
  let first = 1
  const load = (start: number) => {
    if (!Number.isInteger(start) || start < 1 || start > lot.size) {
      throw new PhysicsError('PHYSICS_OUT_OF_RANGE', `DUT ${start} is not in lot ${lot.name} (1 … ${lot.size})`)
    }
    // Every part is drawn (and checked) before any socket changes.
    const parts = engine.sockets.map((_, k) => (start + k <= lot.size ? lot.parameters(start + k) : undefined))
    engine.sockets.forEach((socket, k) => {
      const part = parts[k]
      engine.setOccupied(socket, part !== undefined)
      members[k] = part === undefined ? 0 : start + k
      if (part !== undefined) socket.dut.load(part)
    })
    first = start
    engine.ccLatched = false
    engine.refresh()
  }
  const sockets = engine.sockets.map((socket, k) =>
    socketControl(
      engine,
      socket,
      () => members[k] ?? 0,
      () => lot,
    ),
  )
  const control: LotControl = {
    get name() {
      return lot.name
    },
    get seed() {
      return lot.seed
    },
    get size() {
      return lot.size
    },
    get corners() {
      return lot.corners
    },
    get first() {
      return first
    },
    get definition() {
      return params
    },
    serial: (index) => lot.serial(index),
    parameters: (index) => lot.parameters(index),
    load,
    define(next) {
      // Drawn and checked in full before anything changes: a bad lot leaves the board as it was.
      const drawn = next === null ? configured.lot : makeLot(next)
      lot = drawn
      params = next === null ? configured.params : next
      load(1)
    },
  }
  return { sockets: Object.freeze(sockets), lot: control }
}

function socketControl(engine: Engine, socket: SocketState, member: () => number, lot: () => Lot): SocketControl {
  const integrals = {
    vout: () => socket.intVout,
    iout: () => socket.intIout,
    iin: () => socket.intIin,
    thermistor: () => socket.intThermistor,
  }
  const quantities = {
    vout: () => socket.op.vout,
    iout: () => socket.op.iout,
    iin: () => socket.op.iout + socket.op.iq,
    thermistor: () => socket.thermistorR,
  }
  const pick = <T>(table: Record<string, T>, name: string): T => {
    if (!Object.hasOwn(table, name)) {
      throw new PhysicsError('PHYSICS_INVALID_ARGUMENT', `no integral "${name}"; known: vout, iout, iin, thermistor`)
    }
    return table[name] as T
  }
  return {
    index: socket.index,
    get dutIndex() {
      return member()
    },
    get serial() {
      const index = member()
      return index === 0 ? '' : lot().serial(index)
    },
    get occupied() {
      return socket.occupied
    },
    load: createLoadControl(engine, socket),
    dut: createDutControl(engine, socket),
    thermistor: {
      get resistance() {
        return socket.thermistorR
      },
    },
    integral: (name) => pick(integrals, name)(),
    quantity: (name) => pick(quantities, name)(),
  }
}
