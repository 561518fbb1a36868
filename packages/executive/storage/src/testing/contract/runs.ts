import { afterEach, beforeEach, expect, it } from 'vitest'
import type { Provenance } from '../../records'
import { measurementRow } from '../measurement-row'
import { newRun } from '../temp-storage'
import { type ContractSection, storePerTest } from './contract-store'

const unknown = '00000000-0000-4000-8000-000000000000'

export const sampleProvenance: Provenance = {
  station: 'bench-1',
  host: 'lab-pc-1',
  softwareVersion: '0.1.0',
  instruments: { chamber: 'DVT,ThermoStream,1,0.1.0', dmm: null },
  configHash: 'ab'.repeat(32),
  configJson: '{"station":{"name":"bench-1"}}',
  simulator: { seed: 7, dut: { TEMPCO_PPM_PER_C: 50 } },
}

export const runsSection: ContractSection = {
  name: 'runs, results and events',
  define(backend) {
    const t = storePerTest(backend, { beforeEach, afterEach })

    it('creates, starts and reads back a run with its parameters, config, station and provenance', async () => {
      const input = newRun({ id: newRun().id.toUpperCase(), provenance: sampleProvenance, campaignId: 'camp-1' })
      const created = await t().storage.createRun(input)
      expect(created).toMatchObject({
        ...input,
        id: input.id.toLowerCase(),
        status: 'pending',
        completedAt: null,
        measurementCount: 0,
        parquetPath: null,
        pid: process.pid,
      })
      await t().storage.startRun(created.id)
      const reopened = await t().reopen()
      expect(await reopened.getRun(created.id)).toMatchObject({
        status: 'running',
        station: 'bench-1',
        provenance: sampleProvenance,
        campaignId: 'camp-1',
        seed: 42,
      })
      expect(await t().storage.getRun(unknown)).toBeNull()
    })

    it('refuses a duplicate ID and a malformed one', async () => {
      const run = newRun()
      await t().storage.createRun(run)
      await expect(t().storage.createRun(run)).rejects.toThrowError(
        expect.objectContaining({ code: 'STORAGE_RUN_EXISTS' }),
      )
      await expect(t().storage.createRun(newRun({ id: 'run-1' }))).rejects.toThrowError(
        expect.objectContaining({ code: 'STORAGE_BAD_RUN_ID' }),
      )
    })

    it('stores results and events in order', async () => {
      const { id } = await t().storage.createRun(newRun())
      await t().storage.addResults(id, [
        {
          parameter: 'tempco',
          value: 12.5,
          unit: 'ppm/°C',
          lowerLimit: -50,
          upperLimit: 50,
          passed: true,
          socket: null,
        },
        {
          parameter: 'v_out_25c',
          value: 3.31,
          unit: 'V',
          lowerLimit: null,
          upperLimit: null,
          passed: null,
          socket: null,
        },
        { parameter: 'dropout', value: 0.4, unit: 'V', lowerLimit: null, upperLimit: 0.3, passed: false, socket: null },
      ])
      await t().storage.addEvent(id, {
        time: '2025-03-01T10:00:01.000Z',
        simTime: 0,
        level: 'info',
        message: 'started',
      })
      await t().storage.addEvent(id, {
        time: '2025-03-01T10:00:02.000Z',
        simTime: null,
        level: 'warn',
        message: 'slow',
      })
      expect((await t().storage.getResults(id)).map((r) => [r.parameter, r.value, r.lowerLimit, r.passed])).toEqual([
        ['tempco', 12.5, -50, true],
        ['v_out_25c', 3.31, null, null],
        ['dropout', 0.4, null, false],
      ])
      expect(await t().storage.getEvents(id)).toEqual([
        { time: '2025-03-01T10:00:01.000Z', simTime: 0, level: 'info', message: 'started' },
        { time: '2025-03-01T10:00:02.000Z', simTime: null, level: 'warn', message: 'slow' },
      ])
    })

    it('keeps the socket of each result of a board-wide run, and null for the run’s one DUT', async () => {
      const { id } = await t().storage.createRun(newRun())
      const result = (socket: number | null, value: number) => ({
        parameter: 'vout_v',
        value,
        unit: 'V',
        lowerLimit: 3.2,
        upperLimit: 3.4,
        passed: value >= 3.2 && value <= 3.4,
        socket,
      })
      await t().storage.addResults(id, [result(1, 3.301), result(16, 3.45), result(8, 3.299)])
      await t().storage.addResults(id, [result(null, 3.3)])
      const reopened = await t().reopen()
      expect((await reopened.getResults(id)).map((r) => [r.socket, r.value, r.passed])).toEqual([
        [1, 3.301, true],
        [16, 3.45, false],
        [8, 3.299, true],
        [null, 3.3, true],
      ])
    })

    it('rejects results, events and measurements for an unknown run', async () => {
      const notFound = expect.objectContaining({ code: 'STORAGE_RUN_NOT_FOUND' })
      await expect(t().storage.addResults(unknown, [])).rejects.toThrowError(notFound)
      await expect(
        t().storage.addEvent(unknown, { time: 'x', simTime: null, level: 'info', message: 'm' }),
      ).rejects.toThrowError(notFound)
      await expect(t().storage.appendMeasurements(unknown, [measurementRow()])).rejects.toThrowError(notFound)
    })

    it('completes a run once; later appends and completions are refused', async () => {
      const { id } = await t().storage.createRun(newRun())
      await t().storage.startRun(id)
      const done = await t().storage.completeRun(id, {
        status: 'aborted',
        completedAt: '2025-03-01T11:00:00Z',
        statusReason: 'stopped by the operator',
      })
      expect(done).toMatchObject({
        status: 'aborted',
        completedAt: '2025-03-01T11:00:00.000Z',
        statusReason: 'stopped by the operator',
      })
      const ended = expect.objectContaining({ code: 'STORAGE_INVALID_STATE' })
      await expect(
        t().storage.completeRun(id, { status: 'passed', completedAt: '2025-03-01T11:00:00Z' }),
      ).rejects.toThrow(ended)
      await expect(t().storage.appendMeasurements(id, [measurementRow()])).rejects.toThrowError(ended)
      await expect(t().storage.startRun(id)).rejects.toThrowError(ended)
    })

    it('resolves full IDs and unique prefixes, names every match of an ambiguous one', async () => {
      const a = 'abcd1234-0000-4000-8000-000000000001'
      const b = 'abcd1234-1111-4000-8000-000000000002'
      const c = 'fedc9876-2222-4000-8000-000000000003'
      for (const id of [a, b, c]) await t().storage.createRun(newRun({ id }))
      expect(await t().storage.resolveRunId(c.toUpperCase())).toBe(c)
      expect(await t().storage.resolveRunId('fedc9876')).toBe(c)
      expect(await t().storage.resolveRunId(' ABCD1234-0000 ')).toBe(a)
      await expect(t().storage.resolveRunId('abcd1234')).rejects.toThrowError(
        expect.objectContaining({ code: 'STORAGE_RUN_AMBIGUOUS', message: expect.stringContaining(b) }),
      )
      await expect(t().storage.resolveRunId('0badc0de')).rejects.toThrowError(
        'no run matches "0badc0de" — "dvt list-runs" shows the IDs',
      )
      for (const bad of ['abcd123', 'xyz12345', '', 'abcd1234%', `${a}0`]) {
        await expect(t().storage.resolveRunId(bad)).rejects.toThrowError(
          expect.objectContaining({ code: 'STORAGE_BAD_RUN_ID' }),
        )
      }
    })
  },
}
