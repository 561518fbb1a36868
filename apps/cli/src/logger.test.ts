import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createLogger, type LogLevel } from './logger'

const LEVELS: LogLevel[] = ['debug', 'info', 'warn', 'error']
const NOW = '2026-11-24T23:20:01.123Z'

let dir: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dvt-cli-logger-'))
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date(NOW))
})

afterEach(() => {
  vi.useRealTimers()
  rmSync(dir, { recursive: true, force: true })
})

const lines = (file: string) => readFileSync(file, 'utf8').split('\n').slice(0, -1)

describe('createLogger', () => {
  it('writes one line per message: UTC time, level padded to five, component, message', () => {
    const file = join(dir, 'dvt.log')
    const log = createLogger({ level: 'debug', file }, 'serve')
    log.log('info', 'bench on 127.0.0.1 at speed max')
    log.log('warn', 'client 127.0.0.1:50412 sent 70000 bytes without a newline')
    expect(readFileSync(file, 'utf8')).toBe(
      `${NOW} info  serve: bench on 127.0.0.1 at speed max\n` +
        `${NOW} warn  serve: client 127.0.0.1:50412 sent 70000 bytes without a newline\n`,
    )
  })

  it('creates the directories of logging.file', () => {
    const file = join(dir, 'data/logs/dvt.log')
    createLogger({ level: 'info', file }, 'run-test').log('error', 'run abcd1234 error — supply tripped')
    expect(lines(file)).toEqual([`${NOW} error run-test: run abcd1234 error — supply tripped`])
  })

  it.each([
    { level: 'debug', kept: ['debug', 'info', 'warn', 'error'] },
    { level: 'info', kept: ['info', 'warn', 'error'] },
    { level: 'warn', kept: ['warn', 'error'] },
    { level: 'error', kept: ['error'] },
  ] as const)('at logging.level $level keeps $kept', ({ level, kept }) => {
    const file = join(dir, 'dvt.log')
    const log = createLogger({ level, file }, 'serve')
    for (const each of LEVELS) log.log(each, `a ${each} message`)
    expect(existsSync(file) ? lines(file) : []).toEqual(kept.map((k) => `${NOW} ${k.padEnd(5)} serve: a ${k} message`))
  })

  it('appends to a log that is there, and each line is on disk as soon as log returns', () => {
    const file = join(dir, 'dvt.log')
    writeFileSync(file, 'an earlier line\n')
    const serve = createLogger({ level: 'info', file }, 'serve')
    const runTest = createLogger({ level: 'info', file }, 'run-test')
    serve.log('info', 'stopping')
    expect(lines(file)).toEqual(['an earlier line', `${NOW} info  serve: stopping`])
    runTest.log('info', 'run abcd1234 passed')
    expect(lines(file)).toEqual([
      'an earlier line',
      `${NOW} info  serve: stopping`,
      `${NOW} info  run-test: run abcd1234 passed`,
    ])
  })

  it('with logging.file null, logging does nothing and does not fail', () => {
    const log = createLogger({ level: 'debug', file: null }, 'serve')
    expect(() => log.log('error', 'nowhere to go')).not.toThrow()
  })
})
