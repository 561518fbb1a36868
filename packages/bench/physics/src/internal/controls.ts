import type { LoadMode, SupplyMode } from '@dvt/protocol'
import type { ChamberControl, DutControl, LoadControl, SupplyChannel, SupplyControl } from '../bench-controls'
import { INSTRUMENT_NOISE, quantize } from '../instrument-noise'
import type { PhysicsParams } from '../params'
import { PhysicsError } from '../physics-error'
import type { Engine, SupplySettings } from './engine'
import type { SocketState } from './socket-state'

function outOfRange(what: string, value: unknown, allowed: string): never {
  throw new PhysicsError('PHYSICS_OUT_OF_RANGE', `${what} ${String(value)} is out of range; allowed: ${allowed}`)
}

function requireNumber(what: string, value: number, min: number, max: number, inclusiveMin = true): void {
  const aboveMin = inclusiveMin ? value >= min : value > min
  if (!Number.isFinite(value) || !aboveMin || value > max) {
    outOfRange(what, value, `${inclusiveMin ? '' : '> '}${min} … ${max}`)
  }
}

/** Chamber settings over the engine; limits are the configured absolute setpoint range. */
export function createChamberControl(engine: Engine, physics: PhysicsParams) {
  const { min_setpoint_c: absMin, max_setpoint_c: absMax } = physics.chamber
  const limits = { lower: absMin, upper: absMax }
  const control: ChamberControl = {
    get setpoint() {
      return engine.setpoint
    },
    set setpoint(value: number) {
      requireNumber('chamber setpoint', value, limits.lower, limits.upper)
      if (value !== engine.setpoint) engine.stableSteps = 0
      engine.setpoint = value
    },
    get rampRate() {
      return engine.rampRate
    },
    set rampRate(value: number) {
      requireNumber('ramp rate (°C/min)', value, 0, Number.MAX_VALUE, false)
      engine.setRampRate(value)
    },
    get stabilityWindow() {
      return engine.window
    },
    set stabilityWindow(value: number) {
      requireNumber('stability window (°C)', value, 0, Number.MAX_VALUE, false)
      engine.window = value
    },
    get stabilityTime() {
      return engine.stabilityTime
    },
    set stabilityTime(value: number) {
      requireNumber('stability time (s)', value, 0, Number.MAX_VALUE)
      engine.setStabilityTime(value)
    },
    get enabled() {
      return engine.enabled
    },
    set enabled(on: boolean) {
      // Flow back on: the controller ramps from where the air is now.
      if (on && !engine.enabled) engine.rampTarget = engine.air
      engine.enabled = on
    },
    get lowerLimit() {
      return limits.lower
    },
    set lowerLimit(value: number) {
      requireNumber('lower setpoint limit', value, absMin, Math.min(absMax, limits.upper))
      limits.lower = value
    },
    get upperLimit() {
      return limits.upper
    },
    set upperLimit(value: number) {
      requireNumber('upper setpoint limit', value, Math.max(absMin, limits.lower), absMax)
      limits.upper = value
    },
    get temperature() {
      return engine.air
    },
    get rampTarget() {
      return engine.rampTarget
    },
    get stable() {
      return engine.stable
    },
    get stableFor() {
      return engine.stableSteps * engine.dt
    },
  }
  const resetLimits = () => {
    limits.lower = absMin
    limits.upper = absMax
  }
  return { control, resetLimits }
}

/** What a supply channel puts out, given its settings. */
interface ChannelOutput {
  mode(): SupplyMode
  voltage(): number
  current(): number
}

/** Supply channels; channel 1 (every socket's input) writes through to the engine, 2 and 3 only keep their settings. */
export function createSupplyControl(engine: Engine) {
  const idle: SupplySettings[] = [
    { voltage: 0, limit: 1, on: false },
    { voltage: 0, limit: 1, on: false },
  ]
  const changed = () => {
    engine.ccLatched = false
    engine.refresh()
  }
  const ch1 = supplyChannel(1, engine.supply, changed, {
    mode: () => (engine.supply.on ? (engine.ccLatched ? 'CC' : 'CV') : 'OFF'),
    voltage: () => engine.vin,
    current: () => engine.supplyCurrent,
  })
  const channels = [ch1, idleChannel(2, idle[0]!), idleChannel(3, idle[1]!)] as const
  const control: SupplyControl = {
    channels,
    channel(index: number) {
      const channel = channels[index - 1]
      if (!Number.isInteger(index) || channel === undefined) outOfRange('supply channel', index, '1, 2, 3')
      return channel
    },
  }
  const reset = () => {
    for (const c of idle) Object.assign(c, { voltage: 0, limit: 1, on: false })
  }
  return { control, reset }
}

/** A channel that drives nothing: it regulates its setpoint into no load. */
function idleChannel(index: 2 | 3, settings: SupplySettings): SupplyChannel {
  return supplyChannel(index, settings, () => {}, {
    mode: () => (settings.on ? 'CV' : 'OFF'),
    voltage: () => (settings.on ? settings.voltage : 0),
    current: () => 0,
  })
}

/** A supply channel over its settings: checks and quantizes each setting, then calls `changed`. */
function supplyChannel(
  index: 1 | 2 | 3,
  settings: SupplySettings,
  changed: () => void,
  output: ChannelOutput,
): SupplyChannel {
  return {
    index,
    get voltageSetpoint() {
      return settings.voltage
    },
    set voltageSetpoint(v: number) {
      requireNumber('supply voltage', v, -Number.MAX_VALUE, Number.MAX_VALUE)
      settings.voltage = quantize(v, INSTRUMENT_NOISE.supplySetpointResolution)
      changed()
    },
    get currentLimit() {
      return settings.limit
    },
    set currentLimit(i: number) {
      requireNumber('supply current limit', i, 0, Number.MAX_VALUE)
      settings.limit = quantize(i, INSTRUMENT_NOISE.supplySetpointResolution)
      changed()
    },
    get output() {
      return settings.on
    },
    set output(on: boolean) {
      settings.on = on
      changed()
    },
    get mode() {
      return output.mode()
    },
    get voltage() {
      return output.voltage()
    },
    get current() {
      return output.current()
    },
  }
}

/** One load channel (the socket's); any change is a new demand, which releases a latched supply CC. */
export function createLoadControl(engine: Engine, socket: SocketState): LoadControl {
  const input = socket.input
  const changed = () => {
    engine.ccLatched = false
    engine.refresh()
  }
  return {
    get mode() {
      return input.loadMode
    },
    set mode(mode: LoadMode) {
      if (mode !== 'CC' && mode !== 'CR') outOfRange('load mode', mode, 'CC, CR')
      input.loadMode = mode
      changed()
    },
    get currentSetpoint() {
      return input.loadCurrent
    },
    set currentSetpoint(i: number) {
      requireNumber('load current', i, 0, Number.MAX_VALUE)
      input.loadCurrent = i
      changed()
    },
    get resistance() {
      return input.loadResistance
    },
    set resistance(r: number) {
      requireNumber('load resistance', r, 0, Number.MAX_VALUE, false)
      input.loadResistance = r
      changed()
    },
    get input() {
      return input.loadOn
    },
    set input(on: boolean) {
      input.loadOn = on
      changed()
    },
    get voltage() {
      return socket.op.vout
    },
    get current() {
      return input.loadOn ? socket.op.iout : 0
    },
    get power() {
      return input.loadOn ? socket.op.vout * socket.op.iout : 0
    },
  }
}

/** The parameters and operating point of the part in `socket`. */
export function createDutControl(engine: Engine, socket: SocketState): DutControl {
  const op = socket.op
  return {
    get model() {
      return socket.dut
    },
    getParameter: (name) => socket.dut.getParameter(name),
    setParameter(name, value) {
      socket.dut.setParameter(name, value)
      engine.ccLatched = false
      engine.refresh()
    },
    get state() {
      return op.state
    },
    get vin() {
      return socket.input.vin
    },
    get vout() {
      return op.vout
    },
    get iout() {
      return op.iout
    },
    get iq() {
      return op.iq
    },
    get pdiss() {
      return op.pdiss
    },
    get caseTemperature() {
      return socket.caseT
    },
    get junctionTemperature() {
      return socket.junctionT
    },
  }
}
