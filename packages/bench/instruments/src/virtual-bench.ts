import type { BenchModel, SimClock } from '@dvt/physics'
import type { InstrumentRole } from '@dvt/protocol'
import { createScpiInstrument, type ScpiIdentity, type ScpiInstrument } from '@dvt/scpi'
import { type ChamberContext, chamberCommands, chamberDefaults, resetChamber } from './chamber'
import { type LoadContext, loadCommands, resetLoad } from './electronic-load'
import { benchIdentities } from './identities'
import type { DmmContext } from './internal/dmm-reading'
import { defaultDmmSettings } from './internal/dmm-settings'
import type { MuxContext } from './internal/mux-scan'
import { multimeterCommands, resetMultimeter, triggerMultimeter } from './multimeter'
import { muxCommands, resetMux } from './mux'
import { resetSupply, type SupplyContext, supplyCommands } from './power-supply'
import { type ControlContext, controlCommands, type FaultHooks } from './simulation-control'

/** Options of {@link createVirtualBench}. */
export interface VirtualBenchOptions {
  model: BenchModel
  clock: SimClock
  /** Host hooks for `SIM:FAULT:*`; without them those commands answer −200. */
  faults?: FaultHooks
  /** Firmware field of the control port's `*IDN?` (the DVT Bench release). */
  version?: string
  /** The bench's station name, the serial field of the control port's `*IDN?` [none: `0`]. */
  station?: string | null
}

/** The virtual instruments over one model, one per role; each is a `LineDevice` a TCP host can serve. */
export interface VirtualBench extends Readonly<Record<InstrumentRole, ScpiInstrument>> {
  readonly identities: Readonly<Record<InstrumentRole, ScpiIdentity>>
  /** `*RST` of every instrument's settings (error queues untouched). */
  resetAll(): void
}

/**
 * Builds the chamber, power supply, multimeter, electronic load, switch/measure unit and simulation control on
 * `model`, all in
 * their `*RST` state (the chamber's power-on settings are the model's at this moment).
 */
export function createVirtualBench(options: VirtualBenchOptions): VirtualBench {
  const { model, clock, faults } = options
  const chamberCtx: ChamberContext = { model, flow: true, head: true, defaults: chamberDefaults(model) }
  const supplyCtx: SupplyContext = { model, selected: 1, ovp: [0, 0, 0], tripped: [false, false, false] }
  const dmmCtx: DmmContext = {
    model,
    clock,
    settings: defaultDmmSettings(),
    acquisition: undefined,
    armed: undefined,
    timeAdvanced: faults?.timeAdvanced ? () => faults.timeAdvanced?.() : undefined,
  }
  const loadCtx: LoadContext = { model, selected: 1 }
  const muxCtx: MuxContext = {
    model,
    clock,
    settings: new Map(),
    closed: new Set(),
    scanList: [],
    acquisition: undefined,
    timeAdvanced: dmmCtx.timeAdvanced,
  }
  const resetAll = () => {
    resetChamber(chamberCtx)
    resetSupply(supplyCtx)
    resetMultimeter(dmmCtx)
    resetLoad(loadCtx)
    resetMux(muxCtx)
  }
  const controlCtx: ControlContext = { model, clock, faults, resetInstruments: resetAll }
  const identities = benchIdentities(options.version ?? '0.0.0', options.station ?? null)
  resetAll()
  return {
    identities,
    resetAll,
    control: createScpiInstrument({ identity: identities.control, commands: controlCommands, context: controlCtx }),
    chamber: createScpiInstrument({
      identity: identities.chamber,
      commands: chamberCommands,
      context: chamberCtx,
      onReset: resetChamber,
    }),
    supply: createScpiInstrument({
      identity: identities.supply,
      commands: supplyCommands,
      context: supplyCtx,
      onReset: resetSupply,
    }),
    dmm: createScpiInstrument({
      identity: identities.dmm,
      commands: multimeterCommands,
      context: dmmCtx,
      onReset: resetMultimeter,
      onTrigger: triggerMultimeter,
    }),
    load: createScpiInstrument({
      identity: identities.load,
      commands: loadCommands,
      context: loadCtx,
      onReset: resetLoad,
    }),
    mux: createScpiInstrument({ identity: identities.mux, commands: muxCommands, context: muxCtx, onReset: resetMux }),
  }
}
