import { type ChildProcess, spawn } from 'node:child_process'
import { join, resolve } from 'node:path'

const repoRoot = resolve(import.meta.dirname, '../../../../../..')

/** Starts one of the store's child scripts (`testing/<script>`) under tsx, tracked in `running` for `killAll`. */
export function spawnStoreChild(script: string, args: readonly string[], running: Set<ChildProcess>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', script), ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.add(child)
  return child
}

/** A process that opens the store, runs, holds a bench and appends rows, then waits to be killed. */
export interface CrashChild {
  readonly child: ChildProcess
  /** SIGKILL, and wait for it to be gone. */
  kill(): Promise<void>
}

/** Starts the child and resolves once it has printed "appended <rows>" (durable by then). */
export function startCrashChild(
  openOptions: Record<string, unknown>,
  runId: string,
  bench: string,
  batches: number,
  perBatch: number,
  running: Set<ChildProcess>,
): Promise<CrashChild> {
  const args = [JSON.stringify(openOptions), runId, bench, String(batches), String(perBatch)]
  const child = spawnStoreChild('crash-child.ts', args, running)
  const want = `appended ${batches * perBatch}`
  const kill = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done()
      child.once('exit', () => done())
      child.kill('SIGKILL')
    })
  return new Promise((done, fail) => {
    let out = ''
    let err = ''
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      if (out.includes(want)) done({ child, kill })
    })
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString()
    })
    child.on('exit', (code) => fail(new Error(`child exited (${code}) before "${want}": ${err}`)))
  })
}

/** Kills every child a test left. */
export function killAll(running: Set<ChildProcess>): void {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  running.clear()
}
