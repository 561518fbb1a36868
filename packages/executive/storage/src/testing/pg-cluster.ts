import { execFileSync, spawnSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Where Debian's `postgresql` package (PostgreSQL 15) puts the server programs. */
export const PG_BIN_DIR = process.env.DVT_PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin'

const MISSING =
  `PostgreSQL 15 is not installed (no ${PG_BIN_DIR}/initdb): install Debian's "postgresql" package ` +
  '(npm run setup does it when run as root: apt-get install -y postgresql)'

export interface PgClusterOptions {
  /** `fsync` and `synchronous_commit` on (benchmarks); off by default, so tests do not wait on the disk. */
  durable?: boolean
}

/** A private, throw-away PostgreSQL server: its own data directory, a free port, its socket in a temp dir. */
export interface PgCluster {
  readonly port: number
  readonly dataDir: string
  /** `postgres://postgres@127.0.0.1:<port>/<database>`. */
  url(database?: string): string
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>
  /** `pg_ctl stop -m fast`: every connection is cut, as in an outage. */
  stop(): void
  /** Starts it again after `stop`. */
  start(): void
  /** Stops the server and removes every file it had. */
  destroy(): void
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer()
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => done(port))
    })
  })
}

/** Runs a server program as the `postgres` user when we are root (initdb refuses root), as ourselves otherwise. */
function pgCommand(program: string, args: readonly string[]): { command: string; args: string[] } {
  const path = join(PG_BIN_DIR, program)
  if (process.getuid?.() === 0) return { command: 'runuser', args: ['-u', 'postgres', '--', path, ...args] }
  return { command: path, args: [...args] }
}

function runPg(program: string, args: readonly string[]): void {
  const { command, args: full } = pgCommand(program, args)
  const result = spawnSync(command, full, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  if (result.status !== 0) {
    throw new Error(`${program} ${args.join(' ')} failed (${result.status}): ${result.stderr || result.stdout}`)
  }
}

/**
 * Starts a new cluster (`initdb` + `pg_ctl start`). Throws one sentence naming the package to install when the
 * PostgreSQL programs are missing: tests that need it fail rather than skip.
 */
export async function startPgCluster(options: PgClusterOptions = {}): Promise<PgCluster> {
  if (!existsSync(join(PG_BIN_DIR, 'initdb'))) throw new Error(MISSING)
  const root = mkdtempSync(join(tmpdir(), 'dvt-pg-'))
  const dataDir = join(root, 'data')
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
    chownSync(root, uid, gid)
  }
  const port = await freePort()
  runPg('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync', '--locale=C'])
  const durable = options.durable ?? false
  writeFileSync(
    join(dataDir, 'postgresql.auto.conf'),
    [
      `port = ${port}`,
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${root}'`,
      'max_connections = 60',
      `fsync = ${durable ? 'on' : 'off'}`,
      `synchronous_commit = ${durable ? 'on' : 'off'}`,
      `full_page_writes = ${durable ? 'on' : 'off'}`,
      "log_min_messages = 'fatal'",
      '',
    ].join('\n'),
  )
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', join(dataDir, 'postgresql.auto.conf')])
  const start = () => runPg('pg_ctl', ['start', '-D', dataDir, '-w', '-t', '30', '-l', join(root, 'server.log')])
  const stop = () => runPg('pg_ctl', ['stop', '-D', dataDir, '-m', 'fast', '-w'])
  start()
  let running = true
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`
  return {
    port,
    dataDir,
    url,
    async createDatabase(name) {
      const { default: pg } = await import('pg')
      const client = new pg.Client({ connectionString: url() })
      await client.connect()
      try {
        await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}" STRATEGY = FILE_COPY`)
      } finally {
        await client.end()
      }
      return url(name)
    },
    stop() {
      stop()
      running = false
    },
    start() {
      start()
      running = true
    },
    destroy() {
      try {
        if (running) stop()
      } finally {
        running = false
        rmSync(root, { recursive: true, force: true })
      }
    },
  }
}
