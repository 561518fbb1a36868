import { createTcpTransport, type Transport } from '@dvt/transports'
import { afterEach, describe, expect, it } from 'vitest'
import { type ReplayServer, startReplayServer } from './replay-server'
import { NO_ERROR, recordedSession } from './testing/recorded-session'

const OK = NO_ERROR

const session = recordedSession(
  [
    ['chamber', 'TEMP?;:SYST:ERR?', `25.01;${OK}`],
    ['dmm', 'READ?;:SYST:ERR?', `+3.29500000E+00;${OK}`],
    ['dmm', 'READ?;:SYST:ERR?', `+3.29600000E+00;${OK}`],
  ],
  { identities: { chamber: 'TEMPTRONIC,ATS-545,0,1', dmm: 'Keysight,34461A,0,1' } },
)

const open: Array<ReplayServer | Transport> = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((x) => x.close()))
})

async function start(mode: 'strict' | 'lenient' = 'strict') {
  const server = await startReplayServer({ session, mode })
  open.push(server)
  const client = (role: 'control' | 'chamber' | 'dmm') => {
    const transport = createTcpTransport({ host: server.host, port: server.ports[role]!, name: role, timeoutMs: 1000 })
    open.push(transport)
    return transport
  }
  return { server, client }
}

describe('the replay server', () => {
  it('serves each recorded instrument and simulation control on its own TCP port, from the recording', async () => {
    const { server, client } = await start()
    expect(Object.keys(server.ports)).toEqual(['control', 'chamber', 'dmm'])
    const dmm = client('dmm')
    expect(await dmm.query('*IDN?')).toBe('Keysight,34461A,0,1')
    expect(await client('chamber').query('TEMP?;:SYST:ERR?')).toBe(`25.01;${OK}`)
    expect(await dmm.query('READ?;:SYST:ERR?')).toBe(`+3.29500000E+00;${OK}`)
    // A second client of the same port shares the instrument's place in the recording.
    expect(await client('dmm').query('READ?;:SYST:ERR?')).toBe(`+3.29600000E+00;${OK}`)
    expect(server.engine.progress()).toEqual({ served: 3, total: 3, approximated: 0 })
  })

  it('stops at a divergence in strict mode: every port closes and `stopped` tells where', async () => {
    const { server, client } = await start()
    const dmm = client('dmm')
    await expect(dmm.query('MEAS:VOLT?;:SYST:ERR?')).rejects.toMatchObject({ code: 'TRANSPORT_CLOSED' })
    expect(await server.stopped).toMatchObject({ role: 'dmm', reason: 'command', expected: 'READ?;:SYST:ERR?' })
    await expect(client('chamber').query('TEMP?;:SYST:ERR?')).rejects.toMatchObject({ code: 'TRANSPORT_REFUSED' })
  })

  it('refuses a port that is taken, in one sentence naming it', async () => {
    const { server } = await start()
    const taken = server.ports.dmm!
    const error = await startReplayServer({ session, mode: 'strict', ports: { dmm: taken } }).catch((e: unknown) => e)
    expect(error).toMatchObject({
      code: 'TRANSPORT_PORT_IN_USE',
      message: `cannot serve the multimeter on 127.0.0.1:${taken}: the port is already in use — stop the program holding it (another "dvt serve"?) or choose another port`,
    })
  })
})
