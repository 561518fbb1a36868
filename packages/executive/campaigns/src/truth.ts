/**
 * What a measured parameter truly is for a simulated DUT, from its parameters (the simulator's truth, `SIM:DUT:PAR?`)
 * and the point's conditions, by the LDO model's equations (docs/physics.md): the reference the method-accuracy
 * figures compare against. The DUT's self-heating is not in it, so a method that does not account for it shows the
 * error. A parameter without an entry has no truth.
 */

/** Where a result was measured: the chamber temperature and the run's parameters (defaults filled in). */
export interface TruthPoint {
  temperatureC: number
  parameters: Record<string, unknown>
}

type Dut = Record<string, number>

const num = (value: unknown, fallback: number) => (typeof value === 'number' ? value : fallback)

/** V_out without load at T and V_in: V_nom · (1 + tc · (T − 25)) · (1 + line · (V_in − V_in,nom)). */
function vUnloaded(dut: Dut, t: number, vin: number): number {
  const tc = (dut.tempco_ppm_per_c ?? 0) * 1e-6
  const line = (dut.line_regulation_pct_per_v ?? 0) / 100
  return (dut.nominal_output_voltage ?? 0) * (1 + tc * (t - 25)) * (1 + line * (vin - (dut.nominal_input_voltage ?? 5)))
}

/** V_out at T, V_in and a load current. */
function vout(dut: Dut, t: number, vin: number, load: number): number {
  return vUnloaded(dut, t, vin) - (dut.load_regulation_ohm ?? 0) * load
}

const supply = (p: TruthPoint) => num(p.parameters.supply_v, 5)
const load = (p: TruthPoint) => num(p.parameters.load_a, 0.1)
const loads = (p: TruthPoint) => (Array.isArray(p.parameters.loads_a) ? (p.parameters.loads_a as number[]) : [0, 0.5])

const TRUTHS: Record<string, (dut: Dut, p: TruthPoint) => number> = {
  vout_v: (d, p) => vout(d, p.temperatureC, supply(p), load(p)),
  load_regulation_mohm: (d) => (d.load_regulation_ohm ?? 0) * 1000,
  load_regulation_pct: (d, p) => {
    const first = vout(d, p.temperatureC, supply(p), loads(p)[0] ?? 0)
    const last = vout(d, p.temperatureC, supply(p), loads(p).at(-1) ?? 0)
    return ((first - last) / first) * 100
  },
  vout_min_load_v: (d, p) => vout(d, p.temperatureC, supply(p), loads(p)[0] ?? 0),
  line_regulation_pct_per_v: (d, p) => (lineSlope(d, p) / vout(d, p.temperatureC, supply(p), load(p))) * 100,
  line_regulation_mv_per_v: (d, p) => lineSlope(d, p) * 1000,
  vout_nominal_vin_v: (d, p) => vout(d, p.temperatureC, supply(p), load(p)),
  iq_ua: (d, p) => (d.quiescent_current_ua ?? 0) * (1 + (d.quiescent_current_tempco ?? 0) * (p.temperatureC - 25)),
  dropout_v: (d, p) =>
    (d.dropout_voltage ?? 0) * ((p.temperatureC + 273.15) / 300) ** (d.dropout_temperature_exponent ?? 1.5),
}

/** dV_out/dV_in at T. */
function lineSlope(d: Dut, p: TruthPoint): number {
  const tc = (d.tempco_ppm_per_c ?? 0) * 1e-6
  return (d.nominal_output_voltage ?? 0) * (1 + tc * (p.temperatureC - 25)) * ((d.line_regulation_pct_per_v ?? 0) / 100)
}

/** The true value of `parameter` for the DUT at the point, or null when there is no truth (real hardware). */
export function truthOf(parameter: string, dut: Dut | null, point: TruthPoint): number | null {
  const truth = TRUTHS[parameter]
  if (dut === null || truth === undefined) return null
  const value = truth(dut, point)
  return Number.isFinite(value) ? value : null
}
