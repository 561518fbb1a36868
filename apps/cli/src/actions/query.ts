import { exchangeRaw } from '@dvt/drivers'
import { benchAddresses } from '@dvt/framework'
import { INSTRUMENT_NAMES, resolveRole } from '@dvt/protocol'
import { createTcpTransport } from '@dvt/transports'
import { CliError } from '../cli-error'
import { loadCliConfig } from '../load-cli-config'

export async function query(
  instrument: string,
  line: string,
  flags: { config?: string; portBase?: string },
): Promise<number> {
  const role = resolveRole(instrument)
  if (role === undefined) {
    throw new CliError('CLI_USAGE', `unknown instrument "${instrument}" — use one of ${INSTRUMENT_NAMES.join(', ')}`)
  }
  if (line.trim() === '') throw new CliError('CLI_USAGE', 'the SCPI command is empty')
  const transport = createTcpTransport(benchAddresses(loadCliConfig(flags)).require(role))
  try {
    const { reply, errors } = await exchangeRaw(transport, line)
    if (reply !== null) console.log(reply)
    for (const e of errors) console.error(`error ${e.code}: ${e.message}`)
    return errors.length === 0 ? 0 : 1
  } finally {
    await transport.close()
  }
}
