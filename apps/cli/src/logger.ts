import { appendFileSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { DvtConfig } from '@dvt/config'

export type LogLevel = DvtConfig['logging']['level']

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }

/** Lines for `logging.file` at `logging.level` and above. Without a file it keeps nothing. */
export interface Logger {
  log(level: LogLevel, message: string): void
}

/**
 * A plain-text log file: `2026-11-24T23:20:01.123Z info  serve: message`, one line each, appended synchronously so
 * nothing is lost when the process is killed. What a person needs to read live still goes to the terminal.
 */
export function createLogger(logging: DvtConfig['logging'], component: string): Logger {
  const { file } = logging
  if (file === null) return { log: () => undefined }
  mkdirSync(dirname(file), { recursive: true })
  const threshold = RANK[logging.level]
  return {
    log(level, message) {
      if (RANK[level] < threshold) return
      appendFileSync(file, `${new Date().toISOString()} ${level.padEnd(5)} ${component}: ${message}\n`)
    },
  }
}
