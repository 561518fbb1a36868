import { exchangeRaw, INSTRUMENT_LABELS, type InstrumentRole, requireTarget } from '@dvt/drivers'
import { createTcpTransport } from '@dvt/transports'
import { CliError } from '../cli-error'
import { loadCliConfig } from '../load-cli-config'

const ROLES = Object.keys(INSTRUMENT_LABELS) as InstrumentRole[]

export async function query(instrument: string, line: string, flags: { config?: string }): Promise<number> {
  if (!ROLES.includes(instrument as InstrumentRole)) {
    throw new CliError('CLI_USAGE', `unknown instrument "${instrument}" — use one of ${ROLES.join(', ')}`)
  }
  if (line.trim() === '') throw new CliError('CLI_USAGE', 'the SCPI command is empty')
  const transport = createTcpTransport(requireTarget(loadCliConfig(flags), instrument as InstrumentRole))
  try {
    const { reply, errors } = await exchangeRaw(transport, line)
    if (reply !== null) console.log(reply)
    for (const e of errors) console.error(`error ${e.code}: ${e.message}`)
    return errors.length === 0 ? 0 : 1
  } finally {
    await transport.close()
  }
}
