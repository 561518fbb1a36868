import type { DvtConfig } from '@dvt/config'
import { createTcpTransport, openResource, type Transport } from '@dvt/transports'
import { CliError } from '../cli-error'
import { loadCliConfig } from '../load-cli-config'

const INSTRUMENTS = {
  chamber: { port: 'chamber_port', label: 'thermal chamber' },
  supply: { port: 'supply_port', label: 'power supply' },
  dmm: { port: 'dmm_port', label: 'multimeter' },
  load: { port: 'load_port', label: 'electronic load' },
  sim: { port: 'control_port', label: 'simulation control' },
} as const
type InstrumentName = keyof typeof INSTRUMENTS

function openInstrument(config: DvtConfig, name: InstrumentName): Transport {
  const { port, label } = INSTRUMENTS[name]
  const timeoutMs = config.instruments.timeout_ms
  if (config.instruments.backend === 'simulator') {
    const sim = config.instruments.simulator
    return createTcpTransport({ host: sim.host, port: sim[port], timeoutMs, name: label })
  }
  if (name === 'sim') {
    throw new CliError('CLI_USAGE', 'the simulation control port exists only with instruments.backend: simulator')
  }
  const resource = config.instruments.visa[name]
  if (!resource) throw new CliError('CLI_USAGE', `instruments.visa.${name} is not set in the configuration`)
  return openResource(resource, { timeoutMs, name: label })
}

export async function query(instrument: string, line: string, flags: { config?: string }): Promise<number> {
  if (!(instrument in INSTRUMENTS)) {
    throw new CliError(
      'CLI_USAGE',
      `unknown instrument "${instrument}" — use one of ${Object.keys(INSTRUMENTS).join(', ')}`,
    )
  }
  if (line.trim() === '') throw new CliError('CLI_USAGE', 'the SCPI command is empty')
  const transport = openInstrument(loadCliConfig(flags), instrument as InstrumentName)
  try {
    // `*OPC?` appended to the same line always answers, so a query that fails (and, as on a real instrument,
    // answers nothing) cannot leave us waiting for a reply that never comes.
    const reply = await transport.query(`${line};*OPC?`)
    const cut = reply.lastIndexOf(';')
    if (cut >= 0) console.log(reply.slice(0, cut))
    let errors = 0
    for (let i = 0; i < 32; i++) {
      const entry = await transport.query('SYST:ERR?')
      const match = /^([+-]?\d+),"(.*)"$/.exec(entry.trim())
      if (!match || Number(match[1]) === 0) break
      errors++
      console.error(`error ${Number(match[1])}: ${match[2]}`)
    }
    return errors === 0 ? 0 : 1
  } finally {
    await transport.close()
  }
}
