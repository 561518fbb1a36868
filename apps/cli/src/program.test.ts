import { DVT_VERSION } from '@dvt/config/version'
import { CommanderError } from 'commander'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createProgram } from './program'

/** What a command's action would have been called with. */
interface Invocation {
  command: string
  args: unknown[]
  options: Record<string, unknown>
}

/**
 * `dvt` as `createProgram()` builds it, except that it writes into strings, throws a CommanderError instead of
 * exiting, and records what each command's action would receive instead of loading and running it.
 */
function createDvt() {
  const program = createProgram()
  const out: string[] = []
  const err: string[] = []
  let invoked: Invocation | null = null
  // Subcommands copied their parent's settings when they were added, so each one is configured itself.
  for (const command of [program, ...program.commands]) {
    command.exitOverride().configureOutput({
      writeOut: (text) => out.push(text),
      writeErr: (text) => err.push(text),
      getOutHelpWidth: () => 200,
      getErrHelpWidth: () => 200,
    })
  }
  for (const command of program.commands) {
    command.action((...received: unknown[]) => {
      const args = received.slice(0, command.registeredArguments.length)
      invoked = { command: command.name(), args, options: { ...command.opts() } }
    })
  }
  return {
    parse(...argv: string[]): Invocation {
      program.parse(argv, { from: 'user' })
      if (invoked === null) throw new Error(`dvt ${argv.join(' ')} ran no command`)
      return invoked
    },
    /** The CommanderError `dvt <argv>` ends with (help, version or a refusal); no action ran. */
    exit(...argv: string[]): CommanderError {
      try {
        program.parse(argv, { from: 'user' })
      } catch (error) {
        if (!(error instanceof CommanderError)) throw error
        expect(invoked, 'no action runs').toBeNull()
        return error
      }
      throw new Error(`dvt ${argv.join(' ')} did not exit`)
    },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  }
}

afterEach(() => {
  vi.unstubAllEnvs()
})

/** The commands of the README, in its order. */
const COMMANDS = [
  'serve',
  'dashboard',
  'list-tests',
  'run-test',
  'list-runs',
  'show-run',
  'export-report',
  'query',
  'replay',
  'compare',
  'fit',
  'sql',
  'validate-plan',
  'run-plan',
  'list-campaigns',
  'show-campaign',
]

describe('dvt commands', () => {
  it('has the commands of the README, in its order', () => {
    expect(createProgram().commands.map((c) => c.name())).toEqual(COMMANDS)
  })

  it.each<{ argv: string[]; args: unknown[]; options: Record<string, unknown> }>([
    { argv: ['serve'], args: [], options: { dashboard: true } },
    {
      argv: ['serve', '--host', '0.0.0.0', '--speed', 'max', '--config', 'lab.yaml', '--no-dashboard'],
      args: [],
      options: { host: '0.0.0.0', speed: 'max', config: 'lab.yaml', dashboard: false },
    },
    { argv: ['dashboard'], args: [], options: {} },
    {
      argv: ['dashboard', '--sim', 'bench-pc', '--host', '0.0.0.0', '--port', '9090', '--config', 'lab.yaml'],
      args: [],
      options: { sim: 'bench-pc', host: '0.0.0.0', port: '9090', config: 'lab.yaml' },
    },
    { argv: ['list-tests'], args: [], options: {} },
    { argv: ['list-tests', '--json'], args: [], options: { json: true } },
    { argv: ['list-runs'], args: [], options: { limit: '20' } },
    {
      argv: ['list-runs', '--limit', '5', '--status', 'failed', '--test', 'tempco', '--json', '--config', 'lab.yaml'],
      args: [],
      options: { limit: '5', status: 'failed', test: 'tempco', json: true, config: 'lab.yaml' },
    },
    { argv: ['show-run', 'abcd1234'], args: ['abcd1234'], options: {} },
    { argv: ['show-run', 'abcd1234', '--json'], args: ['abcd1234'], options: { json: true } },
    { argv: ['show-run', 'abcd1234', '--session'], args: ['abcd1234'], options: { session: true } },
    { argv: ['replay', 'abcd1234'], args: ['abcd1234'], options: {} },
    {
      argv: ['replay', 'abcd1234', '--lenient', '--port-base', '6000', '--host', '0.0.0.0', '--config', 'lab.yaml'],
      args: ['abcd1234'],
      options: { lenient: true, portBase: '6000', host: '0.0.0.0', config: 'lab.yaml' },
    },
    { argv: ['replay', 'abcd1234', '--strict'], args: ['abcd1234'], options: { strict: true } },
    { argv: ['export-report', 'abcd1234'], args: ['abcd1234'], options: {} },
    {
      argv: ['export-report', 'abcd1234', '-o', 'out.pdf', '--company', 'Acme Labs', '--config', 'lab.yaml'],
      args: ['abcd1234'],
      options: { output: 'out.pdf', company: 'Acme Labs', config: 'lab.yaml' },
    },
    { argv: ['export-report', 'abcd1234', '--output', 'out.pdf'], args: ['abcd1234'], options: { output: 'out.pdf' } },
    { argv: ['query', 'dmm', 'MEAS:VOLT:DC?'], args: ['dmm', 'MEAS:VOLT:DC?'], options: {} },
    {
      argv: ['query', 'chamber', 'SETP 85', '--config', 'lab.yaml'],
      args: ['chamber', 'SETP 85'],
      options: { config: 'lab.yaml' },
    },
    { argv: ['serve', '--dut', 'twin.yaml'], args: [], options: { dut: 'twin.yaml', dashboard: true } },
    { argv: ['compare', 'abcd1234', 'ef567890'], args: ['abcd1234', 'ef567890'], options: {} },
    {
      argv: ['compare', 'abcd1234', 'ef567890', '--json', '--config', 'lab.yaml'],
      args: ['abcd1234', 'ef567890'],
      options: { json: true, config: 'lab.yaml' },
    },
    { argv: ['fit', 'abcd1234'], args: [['abcd1234']], options: { output: 'dut.yaml' } },
    {
      argv: ['fit', 'abcd1234', 'ef567890', '-o', 'twin.yaml', '--json'],
      args: [['abcd1234', 'ef567890']],
      options: { output: 'twin.yaml', json: true },
    },
    { argv: ['list-runs', '--station', 's2'], args: [], options: { limit: '20', station: 's2' } },
    {
      argv: ['sql', 'SELECT count(*) FROM measurements', '--csv', '--config', 'lab.yaml'],
      args: ['SELECT count(*) FROM measurements'],
      options: { csv: true, config: 'lab.yaml' },
    },
    { argv: ['sql', 'SELECT 1', '--json'], args: ['SELECT 1'], options: { json: true } },
    {
      argv: ['serve', '--station', 'bench-2', '--port-base', '5100'],
      args: [],
      options: { station: 'bench-2', portBase: '5100', dashboard: true },
    },
    { argv: ['query', 'dmm', '*IDN?', '--port-base', '5100'], args: ['dmm', '*IDN?'], options: { portBase: '5100' } },
    { argv: ['dashboard', '--port-base', '5100'], args: [], options: { portBase: '5100' } },
    { argv: ['validate-plan', 'plans/a.yaml'], args: ['plans/a.yaml'], options: { set: [] } },
    {
      argv: ['validate-plan', 'plans/a.yaml', '--set', 'lot.size=16', '--set', 'sockets=8'],
      args: ['plans/a.yaml'],
      options: { set: ['lot.size=16', 'sockets=8'] },
    },
    {
      argv: ['run-plan', 'p.yaml', '--set', 'sockets=1', '--speed', 'max', '--json', '--resume', 'abcd1234'],
      args: ['p.yaml'],
      options: { set: ['sockets=1'], speed: 'max', json: true, resume: 'abcd1234', operator: process.env.USER },
    },
    { argv: ['list-campaigns'], args: [], options: { limit: '20' } },
    {
      argv: ['list-campaigns', '--limit', '5', '--status', 'aborted', '--json'],
      args: [],
      options: { limit: '5', status: 'aborted', json: true },
    },
    { argv: ['show-campaign', 'abcd1234', '--json'], args: ['abcd1234'], options: { json: true } },
  ])('dvt $argv', ({ argv, args, options }) => {
    expect(createDvt().parse(...argv)).toEqual({ command: argv[0], args, options })
  })

  describe('run-test', () => {
    it('takes the test name, no parameters by default, and the operator from $USER', () => {
      vi.stubEnv('USER', 'ada')
      expect(createDvt().parse('run-test', 'tempco')).toEqual({
        command: 'run-test',
        args: ['tempco'],
        options: { set: [], operator: 'ada' },
      })
    })

    it('takes the bench by --port-base and names the station by --station', () => {
      vi.stubEnv('USER', undefined)
      expect(createDvt().parse('run-test', 'tempco', '--port-base', '5100', '--station', 'bench-2')).toEqual({
        command: 'run-test',
        args: ['tempco'],
        options: { set: [], portBase: '5100', station: 'bench-2' },
      })
    })

    it('has no operator without $USER', () => {
      vi.stubEnv('USER', undefined)
      expect(createDvt().parse('run-test', 'tempco').options.operator).toBeUndefined()
    })

    it('collects every --set in order, values untouched', () => {
      const { options } = createDvt().parse('run-test', 'tempco', '--set', 'averages=20', '--set', 'points_c=-20,25,85')
      expect(options.set).toEqual(['averages=20', 'points_c=-20,25,85'])
    })

    it('takes every documented option', () => {
      const argv = ['--operator', 'grace', '--serial', 'SN-7', '--description', 'after rework', '--speed', 'max']
      expect(createDvt().parse('run-test', 'dropout', ...argv, '--json', '--config', 'lab.yaml')).toEqual({
        command: 'run-test',
        args: ['dropout'],
        options: {
          set: [],
          operator: 'grace',
          serial: 'SN-7',
          description: 'after rework',
          speed: 'max',
          json: true,
          config: 'lab.yaml',
        },
      })
    })

    it('takes a replay and its mode', () => {
      expect(createDvt().parse('run-test', 'tempco', '--replay', 'abcd1234', '--lenient').options).toMatchObject({
        replay: 'abcd1234',
        lenient: true,
      })
    })
  })
})

describe('dvt --help', () => {
  it('lists every command', () => {
    const dvt = createDvt()
    expect(dvt.exit('--help')).toMatchObject({ exitCode: 0, code: 'commander.helpDisplayed' })
    for (const name of COMMANDS.filter((c) => c !== 'query')) {
      expect(dvt.stdout()).toMatch(new RegExp(`^  ${name}\\b`, 'm'))
    }
    expect(dvt.stdout()).toMatch(/^ {2}query \[options\] <instrument> <scpi>/m)
  })

  it.each(['serve', 'run-test', 'run-plan', 'query', 'dashboard', 'replay'])(
    'dvt %s --help offers the one --port-base option',
    (command) => {
      const dvt = createDvt()
      dvt.exit(command, '--help')
      expect(dvt.stdout()).toMatch(/--port-base <n> +the bench's ports: control n, chamber n\+1, …, telemetry n\+9/)
    },
  )

  it.each([
    {
      command: 'serve',
      mentions: ['--host <address>', '--speed <k|max>', '--no-dashboard', '--config <file>', '--station <name>'],
    },
    { command: 'dashboard', mentions: ['--sim <host>', '--host <address>', '--port <n>', '--config <file>'] },
    { command: 'list-tests', mentions: ['--json'] },
    {
      command: 'run-test',
      mentions: [
        '<name>',
        '--set <key=value>',
        '(repeatable)',
        '--operator <name>',
        '--serial <sn>',
        '--description <text>',
        '--speed <k|max>',
        '--json',
        'Exit codes: 0 passed, 1 failed, 2 error, 130 aborted.',
      ],
    },
    {
      command: 'list-runs',
      mentions: [
        '--limit <n>',
        '(default: "20")',
        '--status <status>',
        'pending, running, passed, failed, error, aborted',
        '--test <name>',
        '--json',
      ],
    },
    { command: 'show-run', mentions: ['<id>', 'first 8 characters', '--json'] },
    { command: 'export-report', mentions: ['<id>', '-o, --output <file>', '--company <name>'] },
    { command: 'query', mentions: ['<instrument>', 'chamber, supply, dmm, load, sim', '<scpi>'] },
    { command: 'compare', mentions: ['<run-a>', '<run-b>', '--json'] },
    { command: 'fit', mentions: ['<run-id...>', '-o, --output <file>', '(default: "dut.yaml")', '--json'] },
  ])('dvt $command --help mentions its options', ({ command, mentions }) => {
    const dvt = createDvt()
    expect(dvt.exit(command, '--help')).toMatchObject({ exitCode: 0, code: 'commander.helpDisplayed' })
    expect(dvt.stdout()).toMatch(new RegExp(`^Usage: dvt ${command} `))
    for (const text of mentions) expect(dvt.stdout()).toContain(text)
    expect(dvt.stderr()).toBe('')
  })
})

describe('dvt --version', () => {
  it.each(['--version', '-V'])('%s prints the version alone on stdout', (flag) => {
    const dvt = createDvt()
    expect(dvt.exit(flag)).toMatchObject({ exitCode: 0, code: 'commander.version' })
    expect(dvt.stdout()).toBe(`${DVT_VERSION}\n`)
    expect(dvt.stdout()).toMatch(/^\d+\.\d+\.\d+\n$/)
  })
})

describe('what dvt refuses, with exit 1 and a pointer to the help', () => {
  it.each([
    { argv: ['list-runs', '--bogus'], code: 'commander.unknownOption', says: "error: unknown option '--bogus'" },
    { argv: ['serve', '--dashboard=no'], code: 'commander.unknownOption', says: "unknown option '--dashboard=no'" },
    { argv: ['show-run'], code: 'commander.missingArgument', says: "error: missing required argument 'id'" },
    { argv: ['export-report'], code: 'commander.missingArgument', says: "missing required argument 'id'" },
    { argv: ['run-test'], code: 'commander.missingArgument', says: "missing required argument 'name'" },
    { argv: ['query', 'dmm'], code: 'commander.missingArgument', says: "missing required argument 'scpi'" },
    { argv: ['compare', 'abcd1234'], code: 'commander.missingArgument', says: "missing required argument 'run-b'" },
    { argv: ['fit'], code: 'commander.missingArgument', says: "missing required argument 'run-id'" },
    {
      argv: ['run-test', 'tempco', '--set'],
      code: 'commander.optionMissingArgument',
      says: "error: option '--set <key=value>' argument missing",
    },
    { argv: ['show-run', 'abcd1234', 'extra'], code: 'commander.excessArguments', says: 'error: too many arguments' },
    { argv: ['run-tests'], code: 'commander.unknownCommand', says: "error: unknown command 'run-tests'" },
  ])('dvt $argv', ({ argv, code, says }) => {
    const dvt = createDvt()
    expect(dvt.exit(...argv)).toMatchObject({ exitCode: 1, code })
    expect(dvt.stderr()).toContain(says)
    expect(dvt.stderr()).toMatch(/\(run "dvt --help" for usage\)\n$/)
    expect(dvt.stdout()).toBe('')
  })
})
