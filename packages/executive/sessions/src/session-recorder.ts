import { performance } from 'node:perf_hooks'
import { commonCommands, simulationCommands, type TransportTarget } from '@dvt/drivers'
import { INSTRUMENT_ROLES, type InstrumentRole } from '@dvt/protocol'
import type { Transport } from '@dvt/transports'
import { firstAnswer, isIdentityQuery, isTimeQuery, waitSeconds } from './internal/scpi-units'
import {
  SESSION_FORMAT,
  SESSION_FORMAT_VERSION,
  type SessionExchange,
  type SessionHeader,
  type SessionInstrument,
} from './session-format'
import { openSessionWriter, type SessionWriter } from './session-writer'

/** Options of {@link createSessionRecorder}. */
export interface SessionRecorderOptions {
  /** `data.measurements_dir`: session files go to its `sessions/` folder. */
  measurementsDir: string
  /** The release that records (the header's `software_version`). */
  softwareVersion: string
}

/** What the recorder is told when a run starts. */
export interface RecordedRun {
  runId: string
  test: string
  backend: 'simulator' | 'visa'
}

/**
 * Records every exchange the drivers make during a run. `wrap` goes around each transport the instrument set opens
 * (its `openTransport` option), so any instrument a bench has is recorded without code of its own; `begin` and
 * `finish` bracket one run. Between runs the traffic passes through untouched (only `*IDN?` answers are kept, so a
 * probe before the run still names each instrument in the header).
 */
export interface SessionRecorder {
  wrap(target: TransportTarget, transport: Transport): Transport
  /**
   * Starts recording a run: its session file is started at once, the header naming every instrument wrapped so far
   * and the identities seen so far. A recording still open is dropped.
   */
  begin(run: RecordedRun): void
  /** Ends the run's recording and writes its session file (see `openSessionWriter`); returns its path. */
  finish(runId: string, status: string): string
  /** Drops the open recording without writing it. */
  discard(): void
}

interface Recording {
  run: RecordedRun
  origin: number
  writer: SessionWriter
  header: SessionHeader
  /** Every exchange of the run so far, in the order sent (written out when the run ends). */
  exchanges: SessionExchange[]
}

export function createSessionRecorder(options: SessionRecorderOptions): SessionRecorder {
  const instruments = new Map<InstrumentRole, SessionInstrument>()
  let recording: Recording | null = null
  // The test clock's time as the traffic shows it: the last SIM:TIME? answer plus the SIM:WAITs since.
  let simTime: number | null = null

  function start(role: InstrumentRole, kind: SessionExchange['kind'], sent: string): SessionExchange | null {
    if (recording === null) return null
    const exchange: SessionExchange = {
      type: 'exchange',
      seq: recording.exchanges.length,
      role,
      kind,
      sent,
      received: null,
      t_ms: round(performance.now() - recording.origin),
      dur_ms: 0,
      sim_s: simTime,
      error: null,
    }
    recording.exchanges.push(exchange)
    return exchange
  }

  function settle(exchange: SessionExchange | null, received: string | null, error?: unknown): void {
    if (exchange === null || recording === null) return
    exchange.dur_ms = round(performance.now() - recording.origin - exchange.t_ms)
    exchange.received = received
    if (error !== undefined) exchange.error = describeError(error)
  }

  /**
   * Keeps the identity and the test clock's time up to date from what went by. Every line passes here, so the
   * common case costs two prefix tests; only the lines that start like a probe or a clock line are parsed.
   */
  function observe(role: InstrumentRole, sent: string, received: string): void {
    if (sent.startsWith(IDENTITY_PREFIX)) {
      const instrument = instruments.get(role)
      if (instrument && isIdentityQuery(sent)) instrument.identity = firstAnswer(received)
    } else if (role === 'control' && sent.startsWith(CLOCK_PREFIX)) {
      const waited = waitSeconds(sent)
      if (waited !== null) simTime = simTime === null ? null : simTime + waited
      else if (isTimeQuery(sent)) {
        const time = Number(firstAnswer(received))
        if (Number.isFinite(time)) simTime = time
      }
    }
  }

  function wrap(target: TransportTarget, transport: Transport): Transport {
    const { role } = target
    instruments.set(role, { role, label: target.name, resource: transport.resource, identity: null })
    return {
      resource: transport.resource,
      async write(command) {
        const exchange = start(role, 'write', command)
        try {
          await transport.write(command)
        } catch (error) {
          settle(exchange, null, error)
          throw error
        }
        settle(exchange, null)
      },
      async query(command, queryOptions) {
        const exchange = start(role, 'query', command)
        let received: string
        try {
          received = await transport.query(command, queryOptions)
        } catch (error) {
          settle(exchange, null, error)
          throw error
        }
        settle(exchange, received)
        observe(role, command, received)
        return received
      },
      close: () => transport.close(),
    }
  }

  return {
    wrap,
    begin(run) {
      recording?.writer.abort()
      const header: SessionHeader = {
        type: 'header',
        format: SESSION_FORMAT,
        version: SESSION_FORMAT_VERSION,
        run_id: run.runId,
        test: run.test,
        software_version: options.softwareVersion,
        backend: run.backend,
        started_at: new Date().toISOString(),
        instruments: INSTRUMENT_ROLES.flatMap((role) => {
          const instrument = instruments.get(role)
          return instrument ? [{ ...instrument }] : []
        }),
      }
      const writer = openSessionWriter(options.measurementsDir, header)
      recording = { run, origin: performance.now(), writer, header, exchanges: [] }
      simTime = null
    },
    finish(runId, status) {
      const done = recording
      if (done === null || done.run.runId !== runId) throw new Error(`no recording of run ${runId} is open`)
      recording = null
      // An instrument first identified during the run (the provenance asks every one) is named in the header too.
      for (const entry of done.header.instruments) entry.identity ??= instruments.get(entry.role)?.identity ?? null
      // Nothing is in flight at the end of a run; an exchange that were would be written as it stands.
      for (const exchange of done.exchanges) done.writer.append(exchange)
      const ended_at = new Date().toISOString()
      return done.writer.close({ type: 'end', run_id: runId, status, ended_at, exchanges: done.exchanges.length })
    },
    discard() {
      recording?.writer.abort()
      recording = null
    },
  }
}

/** What every identity probe and every test-clock line starts with, as the drivers send them. */
const IDENTITY_PREFIX = commonCommands.identify.scpi
const CLOCK_PREFIX = commonPrefix(simulationCommands.time.scpi, simulationCommands.wait.scpi)

function commonPrefix(a: string, b: string): string {
  let n = 0
  while (n < a.length && a[n] === b[n]) n++
  return a.slice(0, n)
}

/** Microsecond resolution is plenty and keeps the lines short. */
function round(ms: number): number {
  return Math.round(ms * 1000) / 1000
}

function describeError(error: unknown): { code: string; message: string } {
  const code = (error as { code?: unknown }).code
  return {
    code: typeof code === 'string' ? code : 'ERROR',
    message: error instanceof Error ? error.message : String(error),
  }
}
