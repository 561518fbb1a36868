import type { SocketSnapshot, TelemetrySnapshot } from '@dvt/protocol'
import { describe, expect, it } from 'vitest'
import { historyOfSocket, snapshotOfSocket, socketCount } from '../web/src/features/live/hooks/socket-view'
import { idleBench, reduceBenchLive } from '../web/src/lib/ws-store'

/** Socket n of a board: its junction and V_out tell the sockets apart. */
function socket(n: number): SocketSnapshot {
  return {
    serial: `LOT-A-${String(n).padStart(3, '0')}`,
    case_c: 25 + n,
    junction_c: 27 + n,
    vin_v: 5,
    vout_v: 3.29 + n / 1000,
    iout_a: 0.1,
    iq_a: 50e-6,
    pdiss_w: 0.17,
    dut_state: n === 3 ? 'current_limit' : 'on',
  }
}

/** A snapshot of a board of `count` sockets at time `t`; the top level describes socket 1. */
function snapshot(t: number, count: number): TelemetrySnapshot {
  const sockets = Array.from({ length: count }, (_, i) => socket(i + 1))
  const { serial: _serial, ...first } = sockets[0]!
  return {
    t_s: t,
    speed: 60,
    paused: false,
    setpoint_c: 25,
    ramp_c_per_min: 10,
    ramp_target_c: 25,
    chamber_c: 25.01,
    chamber_on: true,
    stable: true,
    thermistor_ohm: 10_000,
    supply_mode: 'CV',
    supply_v_set: 5,
    supply_i_limit: 1,
    load_mode: 'CC',
    load_on: true,
    load_current_set_a: 0.1,
    load_resistance_ohm: 1000,
    ...first,
    sockets,
  }
}

const fold = (snapshots: TelemetrySnapshot[]) =>
  snapshots.reduce((bench, data) => reduceBenchLive(bench, 0, data), idleBench)

describe('the Live page on a board of several DUTs', () => {
  it('keeps one chart history per socket, and none beyond the top level for a board of one', () => {
    const one = fold([snapshot(1, 1), snapshot(2, 1)])
    expect(one.history.map((point) => point.sockets)).toEqual([undefined, undefined])
    const eight = fold([snapshot(1, 8), snapshot(2, 8)])
    expect(eight.history[1]!.sockets).toHaveLength(8)
    expect(historyOfSocket(eight.history, 3).map((p) => [p.t_s, p.chamber_c, p.junction_c, p.vout_v])).toEqual([
      [1, 25.01, 30, 3.293],
      [2, 25.01, 30, 3.293],
    ])
  })

  it('shows socket 1 exactly as the top level, so one socket looks as before', () => {
    const state = fold([snapshot(1, 1)])
    expect(historyOfSocket(state.history, 1)).toBe(state.history)
    expect(snapshotOfSocket(state.telemetry, 1)).toBe(state.telemetry)
    expect(socketCount(state.telemetry)).toBe(1)
  })

  it('puts the chosen socket at the top level for the cards', () => {
    const t = snapshot(1, 8)
    const third = snapshotOfSocket(t, 3)!
    expect(third).toMatchObject({ junction_c: 30, vout_v: 3.293, dut_state: 'current_limit', chamber_c: 25.01 })
    expect(third).not.toHaveProperty('serial')
    expect(socketCount(t)).toBe(8)
  })

  it('counts one socket for a bench from before sockets', () => {
    const { sockets: _sockets, ...old } = snapshot(1, 1)
    expect(socketCount(old as TelemetrySnapshot)).toBe(1)
    expect(socketCount(null)).toBe(1)
  })
})
