import type { RunRecord } from '../records'

/** A finished run for tests: a passed tempco run of 2026-12-01, no serial, seed 1, with any field replaced. */
export function runRecord(fields: Partial<RunRecord> = {}): RunRecord {
  return {
    id: '11111111-0000-4000-8000-000000000001',
    test: 'tempco',
    status: 'passed',
    startedAt: '2026-12-01T00:00:00.000Z',
    completedAt: '2026-12-01T00:01:00.000Z',
    operator: null,
    dutSerial: null,
    station: null,
    description: null,
    parameters: {},
    config: null,
    seed: 1,
    softwareVersion: '0.0.0',
    statusReason: null,
    measurementCount: 0,
    parquetPath: null,
    pid: null,
    hostname: null,
    campaignId: null,
    provenance: null,
    ...fields,
  }
}
