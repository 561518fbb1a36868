import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStorage, type SqliteStorage, StorageError } from '@dvt/storage'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultReportFileName, loadReportData } from './report-data'
import { createReportRenderer } from './report-renderer'
import { pdfText } from './testing/pdf-tools'
import { sampleTempcoData } from './testing/sample-report-data'

describe('defaultReportFileName', () => {
  it('is <test>_<id8>_<YYYYMMDD-HHMMSS>.pdf in UTC', async () => {
    const run = { id: '3f6c2a9e-7d41-4b8a-9c2e-5a1b0d4e8f17', test: 'tempco' }
    expect(defaultReportFileName(run, new Date('2026-03-02T09:04:05.678Z'))).toBe('tempco_3f6c2a9e_20260302-090405.pdf')
  })

  it('keeps the name a plain file name whatever the test is called', async () => {
    const run = { id: '3f6c2a9e-7d41-4b8a-9c2e-5a1b0d4e8f17', test: '../../etc/pass wd' }
    expect(defaultReportFileName(run, new Date('2026-03-02T09:04:05Z'))).toBe(
      'etc-pass-wd_3f6c2a9e_20260302-090405.pdf',
    )
  })
})

describe('loadReportData from SQLite storage', () => {
  let dir: string
  let storage: SqliteStorage

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dvt-reports-storage-'))
    storage = openStorage({ databasePath: join(dir, 'dvt.db'), measurementsDir: join(dir, 'measurements') })
  })

  afterAll(async () => {
    await storage?.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('reads the run, results, events and compacted measurements by short ID', async () => {
    const sample = sampleTempcoData()
    const { run } = sample
    await storage.createRun({ ...run, parameters: run.parameters, config: run.config })
    await storage.startRun(run.id)
    await storage.addResults(run.id, sample.results)
    for (const e of sample.events) await storage.addEvent(run.id, e)
    await storage.appendMeasurements(run.id, sample.measurements)
    await storage.completeRun(run.id, { status: 'passed', completedAt: run.completedAt ?? run.startedAt })
    const data = await loadReportData(storage, run.id.slice(0, 8))
    expect(data.run).toMatchObject({ id: run.id, test: 'tempco', status: 'passed', dutSerial: run.dutSerial })
    expect(data.results).toEqual(sample.results)
    expect(data.events.map((e) => e.message)).toEqual(sample.events.map((e) => e.message))
    expect(data.measurements).toHaveLength(sample.measurements.length)
    expect(data.measurements.filter((m) => m.parameter === 'vout_avg').map((m) => m.temperature)).toEqual([
      -40, -20, 0, 25, 50, 85,
    ])
    const renderer = createReportRenderer({ companyName: 'Acme' })
    try {
      const file = join(dir, defaultReportFileName(data.run))
      await renderer.render(data, file)
      const text = pdfText(file).replace(/\s+/g, ' ')
      expect(text).toContain(run.id)
      expect(text).toContain('PASSED')
      expect(text).toMatch(/Slope 50\.0\d ppm\/°C/)
    } finally {
      await renderer.close()
    }
  })

  it('lets the storage error about an unknown run through', async () => {
    const error = await loadReportData(storage, 'deadbeef').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StorageError)
    expect((error as StorageError).code).toBe('STORAGE_RUN_NOT_FOUND')
  })
})
