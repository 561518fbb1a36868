import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

/** The built `dvt` command (npm test runs the set-up, which builds it). */
export const DVT_BIN = resolve(import.meta.dirname, '../../../../apps/cli/bin/dvt.mjs')

export type PortName = 'control' | 'chamber' | 'supply' | 'dmm' | 'load' | 'mux' | 'telemetry'

export interface ServeHandle {
  child: ChildProcess
  ports: Record<PortName, number>
  /** Dashboard URL when started with the dashboard. */
  url: string | null
  /** Environment that points a `dvt` client (run-test, query, …) at this server and its private data dir. */
  env: NodeJS.ProcessEnv
  /** A private working directory (data/ lives here). */
  dir: string
  stdout(): string
  stderr(): string
  /** SIGINT, then waits for the exit code. */
  stop(): Promise<number | null>
}

export interface ServeOptions {
  speed?: string
  dashboard?: boolean
  /** More `dvt serve` arguments, e.g. `['--sockets', '8']` or `['--dut', 'twin.yaml']`. */
  args?: readonly string[]
  env?: NodeJS.ProcessEnv
  dir?: string
  /**
   * `dvt serve --port-base N`: every listener at N + its offset, and no per-port environment (the clients' `env`
   * names no port either: give them `--port-base N`). Default: every listener on a free port.
   */
  portBase?: number
}

const PORT_ENV: Record<PortName, string> = {
  control: 'DVT__INSTRUMENTS__SIMULATOR__CONTROL_PORT',
  chamber: 'DVT__INSTRUMENTS__SIMULATOR__CHAMBER_PORT',
  supply: 'DVT__INSTRUMENTS__SIMULATOR__SUPPLY_PORT',
  dmm: 'DVT__INSTRUMENTS__SIMULATOR__DMM_PORT',
  load: 'DVT__INSTRUMENTS__SIMULATOR__LOAD_PORT',
  mux: 'DVT__INSTRUMENTS__SIMULATOR__MUX_PORT',
  telemetry: 'DVT__INSTRUMENTS__SIMULATOR__TELEMETRY_PORT',
}

/**
 * Starts a real `dvt serve` in a private directory, on free ports (port 0) or at `portBase`, and reads the ports from
 * its banner.
 */
export async function startServe(options: ServeOptions = {}): Promise<ServeHandle> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'dvt-e2e-'))
  const byBase = options.portBase !== undefined
  const portEnv = byBase ? {} : Object.fromEntries(Object.values(PORT_ENV).map((k) => [k, '0']))
  const args = [DVT_BIN, 'serve', '--speed', options.speed ?? 'max']
  if (byBase) args.push('--port-base', String(options.portBase))
  if (!options.dashboard) args.push('--no-dashboard')
  args.push(...(options.args ?? []))
  const env = { ...process.env, NO_COLOR: '1', ...portEnv, DVT__DASHBOARD__PORT: '0', ...options.env }
  const child = spawn(process.execPath, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] })
  const output = collectOutput(child)
  await new Promise<void>((ready, fail) => {
    const text = () => `${output.stdout()}\n${output.stderr()}`
    const timer = setTimeout(() => fail(new Error(`dvt serve did not start in 20 s:\n${text()}`)), 20_000)
    const check = () => {
      if (/Press Ctrl-C to stop/.test(output.stdout())) {
        clearTimeout(timer)
        ready()
      }
    }
    child.stdout!.on('data', check)
    child.once('exit', (code) => {
      clearTimeout(timer)
      fail(new Error(`dvt serve exited with ${code}:\n${text()}`))
    })
  })
  const out = output.stdout()
  const ports = {} as Record<PortName, number>
  for (const name of Object.keys(PORT_ENV) as PortName[]) {
    const match = new RegExp(`^\\s+${name}\\s+(\\d+)\\s`, 'm').exec(out)
    if (!match) throw new Error(`no ${name} port in the banner:\n${out}`)
    ports[name] = Number(match[1])
  }
  const url = /^Dashboard: (http:\/\/\S+)/m.exec(out)?.[1] ?? null
  const clientEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NO_COLOR: '1',
    ...options.env,
    ...(byBase
      ? {}
      : Object.fromEntries((Object.keys(PORT_ENV) as PortName[]).map((n) => [PORT_ENV[n], String(ports[n])]))),
  }
  return {
    child,
    ports,
    url,
    env: clientEnv,
    dir,
    stdout: output.stdout,
    stderr: output.stderr,
    stop: async () => {
      if (child.exitCode !== null) return child.exitCode
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
      child.kill('SIGINT')
      const code = await exited
      if (!options.dir) rmSync(dir, { recursive: true, force: true })
      return code
    },
  }
}

export interface DvtResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/** Runs the real `dvt` command to its end. */
export function runDvt(
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {},
): Promise<DvtResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [DVT_BIN, ...args], {
      cwd: options.cwd,
      env: { NO_COLOR: '1', ...(options.env ?? process.env) },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const { stdout, stderr } = collectOutput(child)
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      fail(
        new Error(
          `dvt ${args.join(' ')} did not finish in ${options.timeoutMs ?? 60_000} ms\n${stdout()}\n${stderr()}`,
        ),
      )
    }, options.timeoutMs ?? 60_000)
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      done({ code, signal, stdout: stdout(), stderr: stderr() })
    })
  })
}

/** Starts `dvt …` without waiting, for tests that signal it mid-run. */
export function spawnDvt(args: readonly string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}) {
  return spawn(process.execPath, [DVT_BIN, ...args], {
    cwd: options.cwd,
    env: { NO_COLOR: '1', ...(options.env ?? process.env) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

/** What a child process has written so far, as text. */
export interface CollectedOutput {
  stdout(): string
  stderr(): string
}

/** Starts collecting a child's stdout and stderr (call it before adding other `data` listeners). */
export function collectOutput(child: ChildProcess): CollectedOutput {
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString()
  })
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString()
  })
  return { stdout: () => stdout, stderr: () => stderr }
}
