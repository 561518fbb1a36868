import type { DutState, TelemetrySnapshot } from '@dvt/protocol'
import { duration, fixed } from '../../../lib/format'
import { StatCard } from '../../../lib/ui/stat-card'

function speedLabel(t: TelemetrySnapshot): string {
  if (t.paused) return 'paused'
  return t.speed === 'max' ? 'max' : `${fixed(Number(t.speed), 0)}×`
}

const dutTone: Record<DutState, string> = { on: 'good', off: 'muted', shutdown: 'bad', current_limit: 'bad' }

/** The live values as cards; a dash until the first snapshot. */
export function ValueCards(props: { telemetry: TelemetrySnapshot | null }) {
  const t = props.telemetry
  return (
    <div className="card-grid">
      <StatCard label="Setpoint" value={fixed(t?.setpoint_c, 1)} unit="°C" testId="card-setpoint" />
      <StatCard label="Chamber" value={fixed(t?.chamber_c, 2)} unit="°C" testId="card-chamber" />
      <StatCard label="Case" value={fixed(t?.case_c, 2)} unit="°C" testId="card-case" />
      <StatCard label="Junction" value={fixed(t?.junction_c, 2)} unit="°C" testId="card-junction" />
      <StatCard label="V_in" value={fixed(t?.vin_v, 3)} unit="V" testId="card-vin" />
      <StatCard label="V_out" value={fixed(t?.vout_v, 5)} unit="V" testId="card-vout" />
      <StatCard label="I_out" value={fixed(t ? t.iout_a * 1000 : undefined, 1)} unit="mA" testId="card-iout" />
      <StatCard label="P" value={fixed(t ? t.pdiss_w * 1000 : undefined, 1)} unit="mW" testId="card-power" />
      <StatCard label="Supply mode" value={t?.supply_mode ?? '—'} />
      <StatCard label="DUT state" value={t?.dut_state ?? '—'} tone={t ? dutTone[t.dut_state] : undefined} />
      <StatCard label="Stable" value={t ? (t.stable ? 'yes' : 'no') : '—'} tone={t?.stable ? 'good' : undefined} />
      <StatCard label="Sim time" value={t ? duration(t.t_s) : '—'} testId="card-simtime" />
      <StatCard label="Speed" value={t ? speedLabel(t) : '—'} />
    </div>
  )
}
