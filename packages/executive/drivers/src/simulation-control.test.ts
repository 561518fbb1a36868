import { describe, expect, it } from 'vitest'
import { createScriptedTransport, expectProtocol } from './scripted-transport'
import { createSimulationControl } from './simulation-control'

const OK = '+0,"No error"'

describe('simulation control protocol', () => {
  it('reads the simulated time and waits in simulated time', async () => {
    await expectProtocol(
      createSimulationControl,
      [
        ['SIM:TIME?;:SYST:ERR?', '1234.5;' + OK],
        ['SIM:WAIT 30;*OPC?;:SYST:ERR?', '1;' + OK],
      ],
      async (sim) => {
        expect(await sim.time()).toBe(1234.5)
        await sim.wait(30)
      },
    )
  })

  it('gives a wait a timeout long enough for real time', async () => {
    const transport = createScriptedTransport([['SIM:WAIT 120;*OPC?;:SYST:ERR?', '1;' + OK]])
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
        ['SIM:SPE 60;:SYST:ERR?', OK],
        ['SIM:SPE MAX;:SYST:ERR?', OK],
        ['SIM:SPE?;:SYST:ERR?', 'MAX;' + OK],
        ['SIM:SPE?;:SYST:ERR?', '+6.00000000E+01;' + OK],
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
        ['SIM:PAUS;:SYST:ERR?', OK],
        ['SIM:RESUME;:SYST:ERR?', OK],
        ['SIM:RESET;:SYST:ERR?', OK],
        ['SIM:SEED 42;:SYST:ERR?', OK],
        ['SIM:NOIS OFF;:SYST:ERR?', OK],
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
      [['SIM:STAT?;:SYST:ERR?', JSON.stringify(snapshot) + ';' + OK]],
      async (sim) => {
        expect(await sim.state()).toEqual(snapshot)
      },
    )
  })

  it('sets and reads DUT parameters', async () => {
    await expectProtocol(
      createSimulationControl,
      [
        ['SIM:DUT:PAR TEMPCO_PPM_PER_C,150;:SYST:ERR?', OK],
        ['SIM:DUT:PAR? TEMPCO_PPM_PER_C;:SYST:ERR?', '+1.50000000E+02;' + OK],
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
        ['SIM:FAUL:DISC DMM,30;:SYST:ERR?', OK],
        ['SIM:FAUL:DISC CHAM,5;:SYST:ERR?', OK],
        ['SIM:FAUL:CLE;:SYST:ERR?', OK],
      ],
      async (sim) => {
        await sim.disconnect('dmm', 30)
        await sim.disconnect('chamber', 5)
        await sim.clearFaults()
      },
    )
  })
})
