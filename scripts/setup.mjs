#!/usr/bin/env node
// One-command set-up for a machine with only Node 20 and npm: pnpm, system packages (when root),
// dependencies (better-sqlite3 built from source) and the build. Idempotent; quick when nothing changed.
import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { workspacePackageDirs } from './workspace.mjs'

const PNPM_VERSION = '12.4.2'
const root = resolve(import.meta.dirname, '..')
const stampDir = join(root, 'node_modules', '.dvt-setup')
const quiet = process.argv.includes('--quiet')

/** System packages the tools need, by the command that shows they are present. */
const DEBIAN_PACKAGES = [
  { command: '/usr/bin/chromium', packages: ['chromium'], why: 'PDF reports and browser tests' },
  { command: '/usr/bin/pdftotext', packages: ['poppler-utils'], why: 'PDF text checks in the tests' },
  { command: '/usr/bin/lxi', packages: ['lxi-tools'], why: 'the lxi-tools client test' },
  {
    command: '/usr/lib/postgresql/15/bin/initdb',
    packages: ['postgresql'],
    why: 'the PostgreSQL storage tests and benchmark (a private, throw-away cluster each)',
  },
  {
    command: '/usr/lib/python3/dist-packages/pymeasure',
    packages: ['python3-pyvisa', 'python3-pyvisa-py', 'python3-pymeasure'],
    why: 'the PyVISA and PyMeasure client tests',
  },
]

function log(message) {
  if (!quiet) console.log(`setup: ${message}`)
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...options })
  if (result.status !== 0) {
    console.error(`setup: "${cmd} ${args.join(' ')}" failed (exit ${result.status ?? result.signal}).`)
    process.exit(1)
  }
}

function pnpmVersion() {
  try {
    return execFileSync('pnpm', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    return null
  }
}

function ensurePnpm() {
  const version = pnpmVersion()
  if (version === PNPM_VERSION) return
  log(`installing pnpm ${PNPM_VERSION} (found ${version ?? 'none'})`)
  run('npm', ['install', '--global', '--save-exact', `pnpm@${PNPM_VERSION}`])
  if (pnpmVersion() !== PNPM_VERSION) {
    console.error(`setup: pnpm ${PNPM_VERSION} is not on PATH after "npm install -g"; add npm's global bin to PATH.`)
    process.exit(1)
  }
}

function ensureDebianPackages() {
  const missing = DEBIAN_PACKAGES.filter((p) => !existsSync(p.command))
  if (missing.length === 0) return
  const names = missing.flatMap((p) => p.packages)
  const isRoot = process.getuid?.() === 0
  const hasApt = existsSync('/usr/bin/apt-get')
  if (!isRoot || !hasApt) {
    for (const p of missing) log(`missing ${p.packages.join(' ')} (${p.why})`)
    log(`install them with: sudo apt-get install -y --no-install-recommends ${names.join(' ')}`)
    return
  }
  log(`installing Debian packages: ${names.join(' ')}`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  run('apt-get', ['update', '-qq'], { env })
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...names], { env })
}

/** Hash of the files whose change means the install or build must run again. */
function fingerprint(paths) {
  const hash = createHash('sha256')
  const visit = (path) => {
    if (!existsSync(path)) return
    const stat = statSync(path)
    if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort()) {
        if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue
        visit(join(path, name))
      }
    } else {
      hash.update(path).update(String(stat.size)).update(String(stat.mtimeMs))
    }
  }
  for (const p of paths) visit(join(root, p))
  return hash.digest('hex')
}

function stamped(name, value) {
  const file = join(stampDir, name)
  return existsSync(file) && readFileSync(file, 'utf8') === value
}

function stamp(name, value) {
  mkdirSync(stampDir, { recursive: true })
  writeFileSync(join(stampDir, name), value)
}

function manifests() {
  const list = ['package.json', 'pnpm-workspace.yaml', 'pnpm-lock.yaml']
  for (const dir of workspacePackageDirs(root)) list.push(join(dir, 'package.json'))
  return list
}

function ensureDependencies() {
  const key = createHash('sha256')
    .update(
      manifests()
        .map((p) => (existsSync(join(root, p)) ? readFileSync(join(root, p), 'utf8') : ''))
        .join('\0'),
    )
    .digest('hex')
  if (existsSync(join(root, 'node_modules')) && stamped('install', key)) return
  log('installing dependencies (better-sqlite3 compiles from source the first time, ~80 s)')
  // node-gyp would otherwise download Node's headers; Debian/NodeSource Node ships them under /usr.
  const env = { ...process.env, npm_config_nodedir: process.env.npm_config_nodedir ?? '/usr' }
  const frozen = process.env.CI ? ['--frozen-lockfile'] : []
  run('pnpm', ['install', ...frozen], { env })
  stamp('install', key)
}

function ensureBuild() {
  const key = fingerprint(['packages', 'apps', 'scripts/build.mjs', 'pnpm-lock.yaml'])
  if (stamped('build', key)) return
  log('building')
  run('node', ['scripts/build.mjs'])
  stamp('build', key)
}

ensurePnpm()
ensureDebianPackages()
ensureDependencies()
ensureBuild()
log('ready')
