import type { BenchState, SocketSnapshot } from '@dvt/protocol'
import type { BenchModel } from '../bench-model'
import type { Engine } from './engine'
import type { SocketState } from './socket-state'

/** The model's true state: the top-level DUT keys are socket 1's; `sockets` lists every socket. */
export function snapshotOf(engine: Engine, model: BenchModel): BenchState {
  const first = engine.sockets[0] as SocketState
  const { op, input } = first
  const sockets: SocketSnapshot[] = engine.sockets.map((socket, k) => ({
    serial: model.sockets[k]?.serial ?? '',
    case_c: socket.caseT,
    junction_c: socket.junctionT,
    vin_v: socket.input.vin,
    vout_v: socket.op.vout,
    iout_a: socket.op.iout,
    iq_a: socket.op.iq,
    pdiss_w: socket.op.pdiss,
    dut_state: socket.op.state,
  }))
  return {
    t_s: engine.time,
    setpoint_c: engine.setpoint,
    ramp_c_per_min: engine.rampRate,
    ramp_target_c: engine.rampTarget,
    chamber_c: engine.air,
    chamber_on: engine.enabled,
    stable: engine.stable,
    case_c: first.caseT,
    junction_c: first.junctionT,
    thermistor_ohm: first.thermistorR,
    vin_v: input.vin,
    vout_v: op.vout,
    iout_a: op.iout,
    iq_a: op.iq,
    pdiss_w: op.pdiss,
    supply_mode: model.supply.channels[0].mode,
    supply_v_set: engine.supply.voltage,
    supply_i_limit: engine.supply.limit,
    load_mode: input.loadMode,
    load_on: input.loadOn,
    load_current_set_a: input.loadCurrent,
    load_resistance_ohm: input.loadResistance,
    dut_state: op.state,
    sockets,
  }
}
