import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fleetBenches, loadConfig, simulatorPorts } from '@dvt/config'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

// deploy/docker-compose.yml cannot run here (no Docker), so its structure is checked against the configuration
// schema: each bench's station and ports as `dvt serve` would resolve them from the service's environment (over the
// image's), published on the host; the dashboard's benches (deploy/lab.yaml) exactly those benches; one PostgreSQL
// and one measurements folder for all.

const repo = resolve(import.meta.dirname, '../../..')
const deploy = join(repo, 'deploy')

/** The values a person gives the compose file (`DVT_TOKEN=… PG_PASSWORD=… docker compose up`). */
const VARIABLES: Record<string, string> = { DVT_TOKEN: 'a-token-of-thirty-two-characters', PG_PASSWORD: 'secret' }

interface Service {
  image?: string
  build?: { context: string; dockerfile: string }
  command?: string[]
  environment?: Record<string, string | number>
  ports?: string[]
  volumes?: string[]
  depends_on?: Record<string, { condition: string }>
}

/** Compose's `${VAR}`, `${VAR:-default}` and `${VAR:?message}`, from VARIABLES. */
function interpolate(text: string): string {
  return text.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_, name: string, kind?: string, rest?: string) => {
    const value = VARIABLES[name]
    if (value !== undefined) return value
    if (kind === '-') return rest ?? ''
    throw new Error(`the compose file needs ${name}: ${rest}`)
  })
}

const compose = parse(interpolate(readFileSync(join(deploy, 'docker-compose.yml'), 'utf8')), { merge: true }) as {
  services: Record<string, Service>
  volumes: Record<string, unknown>
}
const services = compose.services

/** The `ENV` of the Dockerfile: every container starts with it, the service's environment over it. */
function imageEnv(): Record<string, string> {
  const dockerfile = readFileSync(join(repo, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ')
  const env: Record<string, string> = {}
  for (const [, line] of dockerfile.matchAll(/^ENV (.+)$/gm)) {
    for (const [, key, value] of line!.matchAll(/(\w+)=(\S+)/g)) env[key!] = value!
  }
  return env
}

/** The configuration `dvt` resolves in a service's container (`--config <file>` when its command has one). */
function configOf(service: Service) {
  const env = {
    ...imageEnv(),
    ...Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, String(v)])),
  }
  const at = service.command?.indexOf('--config') ?? -1
  const mounted = at >= 0 ? service.command![at + 1]! : null
  // A mounted file is read from where the compose file mounts it from (`./lab.yaml:/app/config/lab.yaml`).
  const volume = mounted && service.volumes?.find((v) => v.split(':')[1] === `/app/${mounted}`)
  const path = volume ? join(deploy, volume.split(':')[0]!) : join(repo, 'config/default.yaml')
  if (mounted) expect(volume, `${mounted} is mounted into the container`).toBeTruthy()
  return loadConfig({ path, env })
}

/** The host ports a service publishes on the host's loopback, each to the same port in the container. */
function published(service: Service): number[] {
  return (service.ports ?? []).flatMap((mapping) => {
    const match = /^127\.0\.0\.1:(\d+)(?:-(\d+))?:(\d+)(?:-(\d+))?$/.exec(mapping.split(' ')[0]!)
    expect(match, `${mapping} publishes on 127.0.0.1, host port = container port`).not.toBeNull()
    const [from, to] = [Number(match![1]), Number(match![2] ?? match![1])]
    expect([Number(match![3]), Number(match![4] ?? match![3])]).toEqual([from, to])
    return Array.from({ length: to - from + 1 }, (_, i) => from + i)
  })
}

const benchNames = Object.keys(services).filter((name) => services[name]!.command?.includes('serve'))

describe('deploy/docker-compose.yml', () => {
  it('has PostgreSQL, three benches and one dashboard', () => {
    expect(services.postgres?.image).toMatch(/^postgres:\d+/)
    expect(benchNames).toEqual(['bench-1', 'bench-2', 'bench-3'])
    expect(Object.keys(services).filter((name) => services[name]!.command?.includes('dashboard'))).toEqual([
      'dashboard',
    ])
  })

  it.each(benchNames)('%s: its own station, every listener at its own port base, published on the host', (name) => {
    const service = services[name]!
    const config = configOf(service)
    expect(config.station.name).toBe(name)
    expect(service.command).toContain('--no-dashboard')
    expect(config.instruments.simulator.host).toBe('0.0.0.0')
    const ports = Object.values(simulatorPorts(config.instruments.simulator))
    expect(published(service).sort()).toEqual([...ports].sort())
  })

  it('gives the benches port bases whose ports do not overlap on the host', () => {
    const all = benchNames.flatMap((name) => published(services[name]!))
    expect(new Set(all).size).toBe(all.length)
  })

  it("the dashboard's benches (deploy/lab.yaml) are exactly the bench services, by station, host and ports", () => {
    const config = configOf(services.dashboard!)
    const expected = benchNames.map((name) => {
      const bench = configOf(services[name]!)
      return { name: bench.station.name, host: name, ports: simulatorPorts(bench.instruments.simulator) }
    })
    expect(fleetBenches(config)).toEqual(expected)
    expect(config.dashboard.token).toBe(VARIABLES.DVT_TOKEN)
    // The Tests page's runs go to bench-1, as station bench-1.
    expect(config.instruments.simulator.host).toBe('bench-1')
    expect(config.station.name).toBe('bench-1')
    expect(published(services.dashboard!)).toEqual([config.dashboard.port])
    for (const bench of benchNames) expect(services.dashboard!.depends_on).toHaveProperty(bench)
  })

  it('one PostgreSQL and one measurements folder for every station and the dashboard', () => {
    const pg = services.postgres!.environment!
    const url = `postgres://${pg.POSTGRES_USER}:${VARIABLES.PG_PASSWORD}@postgres:5432/${pg.POSTGRES_DB}`
    for (const name of [...benchNames, 'dashboard']) {
      const service = services[name]!
      const config = configOf(service)
      expect(config.data.database_url, name).toBe(url)
      expect(service.volumes).toContain(`measurements:${config.data.measurements_dir}`)
      expect(service.depends_on?.postgres).toEqual({ condition: 'service_healthy' })
    }
    expect(Object.keys(compose.volumes)).toEqual(expect.arrayContaining(['measurements', 'pg-data']))
  })
})
