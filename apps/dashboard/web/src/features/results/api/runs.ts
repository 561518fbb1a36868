import type { ChartRow } from '@dvt/charts'
import type { EventRecord, ResultRecord, RunRecord, RunStatus } from '@dvt/storage/records'
import { tableFromIPC } from 'apache-arrow'
import { apiFetch, getJson, toQuery } from '../../../lib/api-client'
import { downloadFile } from '../../../lib/download'

// The server sends storage's records as JSON: the web app reads them with the same types.
export type { EventRecord, ResultRecord, RunRecord, RunStatus } from '@dvt/storage/records'

export interface RunFilters {
  test?: string
  status?: RunStatus
  /** Only the runs of this station (`station.name`: a bench of the fleet). */
  station?: string
  search?: string
  from?: string
  to?: string
  limit: number
  offset: number
}

export function listRuns(filters: RunFilters): Promise<{ runs: RunRecord[]; total: number }> {
  return getJson(`/api/runs${toQuery({ ...filters })}`)
}

export function getRun(id: string): Promise<{ run: RunRecord; results: ResultRecord[]; events: EventRecord[] }> {
  return getJson(`/api/runs/${encodeURIComponent(id)}`)
}

export function listTestNames(): Promise<{ tests: Array<{ name: string }> }> {
  return getJson('/api/tests')
}

function numberOrNull(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null
}

/** Fetches a run's measurements as an Arrow IPC stream and decodes it column by column. */
export async function getMeasurements(id: string): Promise<ChartRow[]> {
  const response = await apiFetch(`/api/runs/${encodeURIComponent(id)}/measurements`)
  const table = tableFromIPC(new Uint8Array(await response.arrayBuffer()))
  const col = (name: string) => table.getChild(name)
  const [simTime, parameter, value, unit] = [col('sim_time'), col('parameter'), col('value'), col('unit')]
  const [temperature, inputVoltage, loadCurrent] = [col('temperature'), col('input_voltage'), col('load_current')]
  const out: ChartRow[] = []
  for (let i = 0; i < table.numRows; i++) {
    out.push({
      simTime: Number(simTime?.get(i) ?? 0),
      parameter: String(parameter?.get(i) ?? ''),
      value: Number(value?.get(i)),
      unit: String(unit?.get(i) ?? ''),
      temperature: numberOrNull(temperature?.get(i)),
      inputVoltage: numberOrNull(inputVoltage?.get(i)),
      loadCurrent: numberOrNull(loadCurrent?.get(i)),
    })
  }
  return out
}

/** Saves `GET /api/runs/:id/report.pdf` under the name the server gives it. */
export function downloadReport(id: string): Promise<void> {
  return downloadFile(`/api/runs/${encodeURIComponent(id)}/report.pdf`, `run_${id.slice(0, 8)}.pdf`)
}
