import { ConfigError } from '@dvt/config'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CliError, EXIT } from './cli-error'
import { action, lazy } from './lazy'

// action() sets process.exitCode and writes to console.error, as `dvt` does; both are put back after each test.
let savedExitCode: typeof process.exitCode
let stderr: unknown[][]

beforeEach(() => {
  savedExitCode = process.exitCode
  process.exitCode = undefined
  stderr = []
  vi.stubEnv('DVT_DEBUG', undefined)
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    stderr.push(args)
  })
})

afterEach(() => {
  process.exitCode = savedExitCode
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
})

describe('action', () => {
  it('makes the returned number the exit code and prints nothing', async () => {
    await action(() => EXIT.aborted)()
    expect(process.exitCode).toBe(130)
    expect(stderr).toEqual([])
  })

  it('leaves the exit code alone when the action returns nothing', async () => {
    await action(async () => undefined)()
    expect(process.exitCode).toBeUndefined()
  })

  it('turns a thrown CliError into its one line and its exit code', async () => {
    await action(async () => {
      throw new CliError('CLI_UNREACHABLE', 'cannot reach the bench — is "dvt serve" running?', EXIT.error)
    })()
    expect(stderr).toEqual([['dvt: cannot reach the bench — is "dvt serve" running?']])
    expect(process.exitCode).toBe(2)
  })

  it('turns any other error into one line and exit 1', async () => {
    await action(() => {
      throw new ConfigError('CONFIG_FILE_NOT_FOUND', 'config: the file lab.yaml does not exist')
    })()
    expect(stderr).toEqual([['dvt: config: the file lab.yaml does not exist']])
    expect(process.exitCode).toBe(1)
  })

  it('with DVT_DEBUG set, prints the error itself before the line', async () => {
    vi.stubEnv('DVT_DEBUG', '1')
    const bug = new TypeError('boom')
    await action(() => {
      throw bug
    })()
    expect(stderr).toEqual([[bug], ['dvt: unexpected error: boom (set DVT_DEBUG=1 for details and please report it)']])
  })
})

describe('lazy', () => {
  function createModule() {
    const calls: unknown[][] = []
    let loads = 0
    const module = {
      listRuns: (...args: unknown[]) => {
        calls.push(args)
        return 3
      },
    }
    const load = async () => {
      loads++
      return module
    }
    return { load, calls, loads: () => loads }
  }

  it('loads the module only when the command runs, then calls the named export with its arguments', async () => {
    const { load, calls, loads } = createModule()
    const run = lazy(load, 'listRuns')
    expect(loads()).toBe(0)
    await run('abcd1234', { json: true })
    expect(loads()).toBe(1)
    expect(calls).toEqual([['abcd1234', { json: true }]])
    expect(process.exitCode).toBe(3)
  })

  it('reports an error thrown while loading like one thrown by the action', async () => {
    const run = lazy(async (): Promise<{ serve: () => number }> => {
      throw new Error('Cannot find module better-sqlite3')
    }, 'serve')
    await run()
    expect(stderr).toEqual([
      ['dvt: unexpected error: Cannot find module better-sqlite3 (set DVT_DEBUG=1 for details and please report it)'],
    ])
    expect(process.exitCode).toBe(1)
  })
})
