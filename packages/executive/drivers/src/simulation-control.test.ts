import { describe, expect, it } from 'vitest'
import { createSimulationControl } from './simulation-control'
import { createScriptedTransport, expectProtocol, NO_ERROR } from './testing/scripted-transport'

describe('simulation control protocol', () => {
  it('reads the simulated time and waits in simulated time', async () => {
    await expectProtocol(
      createSimulationControl,
      [
        ['SIM:TIME?;:SYST:ERR?', '1234.5;' + NO_ERROR],
        ['SIM:WAIT 30;*OPC?;:SYST:ERR?', '1;' + NO_ERROR],
      ],
      async (sim) => {
        expect(await sim.time()).toBe(1234.5)
        await sim.wait(30)
      },
    )
  })

  it('gives a wait a timeout long enough for real time', async () => {
    const transport = createScriptedTransport([['SIM:WAIT 120;*OPC?;:SYST:ERR?', '1;' + NO_ERROR]])
    const timeouts: Array<number | undefined> = []
    const query = transport.query.bind(transport)
    const sim = createSimulationControl({
      ...transport,
      query: (line, options) => {
        timeouts.push(options?.timeoutMs)
        return query(line, options)
      },
    })
    await sim.wait(120)
    expect(timeouts[0]).toBeGreaterThanOrEqual(120_000)
  })

  it('sets and reads the speed', async () => {
    await expectProtocol(
      createSimulationControl,
      [
        ['SIM:SPE 60;:SYST:ERR?', NO_ERROR],
        ['SIM:SPE MAX;:SYST:ERR?', NO_ERROR],
        ['SIM:SPE?;:SYST:ERR?', 'MAX;' + NO_ERROR],
        ['SIM:SPE?;:SYST:ERR?', '+6.00000000E+01;' + NO_ERROR],
      ],
      async (sim) => {
        await sim.setSpeed(60)
        await sim.setSpeed('max')
        expect(await sim.getSpeed()).toBe('max')
        expect(await sim.getSpeed()).toBe(60)
      },
    )
  })

  it('pauses, resumes, resets, seeds and switches noise', async () => {
    await expectProtocol(
      createSimulationControl,
      [
        ['SIM:PAUS;:SYST:ERR?', NO_ERROR],
        ['SIM:RESUME;:SYST:ERR?', NO_ERROR],
        ['SIM:RESET;:SYST:ERR?', NO_ERROR],
        ['SIM:SEED 42;:SYST:ERR?', NO_ERROR],
        ['SIM:NOIS OFF;:SYST:ERR?', NO_ERROR],
      ],
      async (sim) => {
        await sim.pause()
        await sim.resume()
        await sim.resetModel()
        await sim.setSeed(42)
        await sim.setNoise(false)
      },
    )
  })

  it('parses the JSON state', async () => {
    const snapshot = { t_s: 12.5, chamber_c: 25.01, stable: true, supply_mode: 'CV' }
    await expectProtocol(
      createSimulationControl,
      [['SIM:STAT?;:SYST:ERR?', JSON.stringify(snapshot) + ';' + NO_ERROR]],
      async (sim) => {
        expect(await sim.state()).toEqual(snapshot)
      },
    )
  })

  it('names the line of a reply it cannot use', async () => {
    await expectProtocol(
      createSimulationControl,
      [
        ['SIM:WAIT 30;*OPC?;:SYST:ERR?', '0;' + NO_ERROR],
        ['SIM:STAT?;:SYST:ERR?', '{"t_s":;' + NO_ERROR],
      ],
      async (sim) => {
        await expect(sim.wait(30)).rejects.toThrow('the simulation answered "0" to "SIM:WAIT 30;*OPC?"')
        const error = await sim.state().catch((e: unknown) => e)
        expect(error).toMatchObject({ code: 'DRIVER_BAD_RESPONSE', command: 'SIM:STAT?' })
        expect((error as Error).cause).toBeInstanceOf(SyntaxError)
      },
    )
  })

  it('sets and reads DUT parameters', async () => {
    await expectProtocol(
      createSimulationControl,
      [
        ['SIM:DUT:PAR TEMPCO_PPM_PER_C,150;:SYST:ERR?', NO_ERROR],
        ['SIM:DUT:PAR? TEMPCO_PPM_PER_C;:SYST:ERR?', '+1.50000000E+02;' + NO_ERROR],
      ],
      async (sim) => {
        await sim.setDutParameter('TEMPCO_PPM_PER_C', 150)
        expect(await sim.getDutParameter('TEMPCO_PPM_PER_C')).toBe(150)
      },
    )
  })

  it('injects and clears faults', async () => {
    await expectProtocol(
      createSimulationControl,
      [
        ['SIM:FAUL:DISC DMM,30;:SYST:ERR?', NO_ERROR],
        ['SIM:FAUL:DISC CHAM,5;:SYST:ERR?', NO_ERROR],
        ['SIM:FAUL:CLE;:SYST:ERR?', NO_ERROR],
      ],
      async (sim) => {
        await sim.disconnect('dmm', 30)
        await sim.disconnect('chamber', 5)
        await sim.clearFaults()
      },
    )
  })
})
