import type { BenchModel, SimClock, SocketControl } from '@dvt/physics'
import { FAULT_TARGETS, type FaultTarget, faultTargetOf, INSTRUMENTS, SPEED_LIMITS } from '@dvt/protocol'
import { type CommandTable, defineCommands, formatNR1, formatNR3, formatString, p, ScpiExecutionError } from '@dvt/scpi'
import { guard } from './internal/guard'
import { parseLotDefinition } from './internal/lot-definition'

/** What the host (the simulation server) does for `SIM:FAULT:*`. */
export interface FaultHooks {
  /** Drop `target`'s clients and refuse new ones for `seconds` of simulated time. */
  disconnect(target: FaultTarget, seconds: number): void
  /** End every disconnect now. */
  clear(): void
  /** Called after a client's wait advanced simulated time (lets the host end faults without a timer). */
  timeAdvanced?(): void
}

export interface ControlContext {
  readonly model: BenchModel
  readonly clock: SimClock
  readonly faults: FaultHooks | undefined
  /** `*RST` of every instrument's settings (after `SIM:RESET` put the model back to power-on). */
  readonly resetInstruments: () => void
}

/** Longest single `SIM:WAIT`, s (about four months of simulated time). */
export const MAX_WAIT_S = 1e7
/** The words `SIM:FAULT:DISConnect` takes, one per fault target. */
const FAULT_WORDS = FAULT_TARGETS.map((target) => INSTRUMENTS[target].faultWord)

function requireFaults(ctx: ControlContext): FaultHooks {
  if (ctx.faults === undefined) throw new ScpiExecutionError(-200, 'fault injection needs the simulation server')
  return ctx.faults
}

/** Socket `n` of the board (default 1); −222 for one it does not have. */
function socketOf(ctx: ControlContext, n: number | undefined): SocketControl {
  return guard(() => ctx.model.socket(n ?? 1))
}

/** The part in socket `n`; an empty socket has no parameters (−221). */
function partIn(ctx: ControlContext, n: number | undefined): SocketControl {
  const socket = socketOf(ctx, n)
  if (!socket.occupied) throw new ScpiExecutionError(-221, `socket ${socket.index} is empty; SIM:LOT:LOAD a board`)
  return socket
}

function wait(ctx: ControlContext, seconds: number): Promise<void> {
  return ctx.clock.wait(seconds).then(() => ctx.faults?.timeAdvanced?.())
}

/** Power-on: the model's time base restarts, so running disconnects end too. */
function reset(ctx: ControlContext): void {
  ctx.clock.reset()
  ctx.resetInstruments()
  ctx.faults?.clear()
}

/** The simulator's own port (docs/scpi.md#simulation-control). */
export const controlCommands: CommandTable<ControlContext> = defineCommands<ControlContext>({
  'SIMulation:TIME?': { run: (ctx: ControlContext) => formatNR3(ctx.model.time) },
  'SIMulation:SPEed': {
    params: [p.numeric({ min: SPEED_LIMITS.min, max: SPEED_LIMITS.max, words: ['MAXimum'] })],
    run: (ctx: ControlContext, speed: number | 'MAX') => {
      ctx.clock.speed = speed === 'MAX' ? 'max' : speed
    },
  },
  'SIMulation:SPEed?': {
    run: (ctx: ControlContext) => (ctx.clock.speed === 'max' ? 'MAX' : formatNR3(ctx.clock.speed)),
  },
  'SIMulation:WAIT': {
    params: [p.numeric({ min: 0, max: MAX_WAIT_S, units: 'S' })],
    run: (ctx: ControlContext, seconds: number, call) => call.pending(wait(ctx, seconds)),
  },
  'SIMulation:PAUSe': { run: (ctx: ControlContext) => ctx.clock.pause() },
  'SIMulation:PAUSe?': { run: (ctx: ControlContext) => (ctx.clock.paused ? '1' : '0') },
  // RESume and RESet share the short form RES; each takes one more letter so that `SIM:RES` is refused
  // (−113) rather than guessed.
  'SIMulation:RESUme': { run: (ctx: ControlContext) => ctx.clock.resume() },
  'SIMulation:RESEt': { run: (ctx: ControlContext) => reset(ctx) },
  'SIMulation:SEED': {
    params: [p.integer({ min: 0, max: 2 ** 32 - 1 })],
    run: (ctx: ControlContext, seed: number) => guard(() => ctx.model.setSeed(seed)),
  },
  'SIMulation:SEED?': { run: (ctx: ControlContext) => formatNR1(ctx.model.seed) },
  'SIMulation:NOISe': {
    params: [p.boolean()],
    run: (ctx: ControlContext, on: boolean) => {
      ctx.model.noise = on
    },
  },
  'SIMulation:NOISe?': { run: (ctx: ControlContext) => (ctx.model.noise ? '1' : '0') },
  'SIMulation:STATe?': { run: (ctx: ControlContext) => JSON.stringify(ctx.clock.snapshot()) },
  'SIMulation:DUT:PARameter': {
    params: [p.oneOf([p.name(), p.string()]), p.numeric(), p.integer({ min: 1, optional: true })],
    run: (ctx: ControlContext, name: string, value: number, socket: number | undefined) => {
      const part = partIn(ctx, socket)
      guard(() => part.dut.setParameter(name, value))
    },
  },
  'SIMulation:DUT:PARameter?': {
    params: [p.oneOf([p.name(), p.string()]), p.integer({ min: 1, optional: true })],
    run: (ctx: ControlContext, name: string, socket: number | undefined) => {
      const part = partIn(ctx, socket)
      return formatNR3(guard(() => part.dut.getParameter(name)))
    },
  },
  'SIMulation:DUT:SERial?': {
    params: [p.integer({ min: 1, optional: true })],
    run: (ctx: ControlContext, socket: number | undefined) => formatString(socketOf(ctx, socket).serial),
  },
  'SIMulation:SOCKets?': { run: (ctx: ControlContext) => formatNR1(ctx.model.sockets.length) },
  'SIMulation:LOT:NAME?': { run: (ctx: ControlContext) => formatString(ctx.model.lot.name) },
  'SIMulation:LOT:SIZE?': { run: (ctx: ControlContext) => formatNR1(ctx.model.lot.size) },
  'SIMulation:LOT:LOAD': {
    params: [p.integer({ min: 1 })],
    run: (ctx: ControlContext, first: number) => guard(() => ctx.model.lot.load(first)),
  },
  'SIMulation:LOT:LOAD?': { run: (ctx: ControlContext) => formatNR1(ctx.model.lot.first) },
  'SIMulation:LOT:DEFine': {
    params: [p.string()],
    run: (ctx: ControlContext, json: string) => {
      const lot = parseLotDefinition(json)
      guard(() => ctx.model.lot.define(lot))
    },
  },
  'SIMulation:LOT:DEFine?': { run: (ctx: ControlContext) => formatString(JSON.stringify(ctx.model.lot.definition)) },
  'SIMulation:LOT:CORNers?': {
    run: (ctx: ControlContext) => ctx.model.lot.corners.map((name) => formatString(name)).join(','),
  },
  'SIMulation:DUT:PARameter:CATalog?': {
    run: (ctx: ControlContext) =>
      ctx.model.dut.model
        .parameterNames()
        .map((n) => formatString(n.toUpperCase()))
        .join(','),
  },
  'SIMulation:FAULt:DISConnect': {
    params: [p.word(FAULT_WORDS), p.numeric({ min: 0, max: MAX_WAIT_S, units: 'S' })],
    run: (ctx: ControlContext, word: string, seconds: number) => {
      const hooks = requireFaults(ctx)
      const target = faultTargetOf(word)
      if (target !== undefined) hooks.disconnect(target, seconds)
    },
  },
  'SIMulation:FAULt:CLEar': { run: (ctx: ControlContext) => requireFaults(ctx).clear() },
})
