import { TELEMETRY_KEYS } from '@dvt/protocol'
import { describe, expect, it } from 'vitest'
import { createTestBench, expectRefused, expectTranscript, num } from './testing/test-bench'

function setup(options: { speed?: 'max' | number; noise?: boolean; seed?: number } = {}) {
  const t = createTestBench(options)
  return { ...t, x: t.client('control') }
}

describe('simulation control', () => {
  it('SIM:WAIT 30;*OPC? advances simulated time by 30 s at once in max mode', async () => {
    const { x, faultCalls } = setup()
    expect(num(await x.ask('SIM:TIME?'))).toBe(0)
    expect(await x.ask('SIM:WAIT 30;*OPC?')).toBe('1')
    expect(num(await x.ask('SIMulation:TIME?'))).toBeCloseTo(30, 9)
    expect(faultCalls).toContain('advanced')
  })

  it('at speed k a wait completes only when the clock has ticked far enough', async () => {
    const { x, clock } = setup({ speed: 10 })
    const waited = x.ask('SIM:WAIT 5;*OPC?')
    let done = false
    void waited.then(() => {
      done = true
    })
    clock.tick(0.3)
    await Promise.resolve()
    expect(done).toBe(false)
    clock.tick(0.3)
    expect(await waited).toBe('1')
    expect(clock.time).toBeCloseTo(6, 9)
  })

  it('sets and reads the speed; 0 and negative speeds are −222', async () => {
    const { x, clock } = setup()
    await x.ask('SIM:SPE 60')
    expect(await x.ask('SIM:SPE?')).toBe('+6.00000000E+01')
    expect(clock.speed).toBe(60)
    await x.ask('SIM:SPEED MAX')
    expect(await x.ask('SIM:SPE?')).toBe('MAX')
    await x.ask('SIM:SPE 0')
    await x.ask('SIM:SPE -1')
    expect(await x.errors()).toEqual([-222, -222])
  })

  it('pauses and resumes; RESUME and RESET are distinct, the ambiguous SIM:RES is −113', async () => {
    const { x, clock, client } = setup()
    await x.ask('SIM:PAUS')
    expect(clock.paused).toBe(true)
    expect(await x.ask('SIM:PAUS?')).toBe('1')
    const waited = x.ask('SIM:WAIT 2;*OPC?')
    const other = client('control')
    expect(await other.ask('SIM:TIME?')).toBe('+0.00000000E+00')
    await other.ask('SIM:RESUME')
    expect(await waited).toBe('1')
    expect(clock.time).toBeCloseTo(2, 9)
    expect(await x.ask('SIM:RES')).toBeNull()
    expect(await x.errors()).toEqual([-113])
  })

  it('SIM:RESET returns the model to power-on and every instrument to its *RST settings', async () => {
    const { x, client, model, faultCalls } = setup()
    await client('supply').ask('APPL P6V,5,1;:OUTP ON,(@1)')
    await client('chamber').ask('SETP 80;FLOW 0')
    await client('dmm').ask('CONF:RES;:SAMP:COUN 5')
    await x.ask('SIM:WAIT 100;*OPC?')
    await x.ask('SIM:RESET')
    expect(model.time).toBe(0)
    expect(model.supply.channel(1).output).toBe(false)
    expect(await client('chamber').ask('SETP?;FLOW?')).toBe('25.00;1')
    expect(await client('dmm').ask('FUNC?;:SAMP:COUN?')).toBe('"VOLT";+1')
    expect(faultCalls.at(-1)).toBe('clear')
  })

  it('SEED and NOISe: same seed same readings, another seed others, noise off exact', async () => {
    const read = async (seed: number, noise = 'ON') => {
      const { x, client } = setup({ noise: true })
      await x.ask(`SIM:SEED ${seed};NOIS ${noise}`)
      await client('supply').ask('APPL P6V,5,1;:OUTP ON,(@1)')
      return client('supply').ask('MEAS:VOLT? (@1)')
    }
    expect(await read(42)).toBe(await read(42))
    expect(await read(42)).not.toBe(await read(43))
    expect(await read(42, 'OFF')).toBe('+5.00000000E+00')
    const { x } = setup()
    await expectTranscript(x, [
      ['SIM:SEED 9;NOIS ON', null],
      ['SIM:SEED?;NOIS?', '+9;1'],
    ])
    await expectRefused(x, [['SIM:SEED -1', -222]])
  })

  it('SIM:STATe? is one line of JSON with every telemetry key', async () => {
    const { x } = setup()
    const line = await x.ask('SIM:STAT?')
    expect(line).not.toContain('\n')
    const state = JSON.parse(line ?? '')
    for (const key of TELEMETRY_KEYS) expect(state).toHaveProperty(key)
    expect(state.speed).toBe('max')
    expect(state.supply_mode).toBe('OFF')
    expect(state.dut_state).toBe('off')
  })

  it('DUT parameters: set and query by name (case-insensitive); unknown is −224', async () => {
    const { x, model } = setup()
    expect(num(await x.ask('SIM:DUT:PAR? TEMPCO_PPM_PER_C'))).toBe(50)
    await x.ask('SIM:DUT:PAR TEMPCO_PPM_PER_C,150')
    expect(model.dut.getParameter('tempco_ppm_per_c')).toBe(150)
    expect(num(await x.ask('SIMULATION:DUT:PARAMETER? tempco_ppm_per_c'))).toBe(150)
    await x.ask('SIM:DUT:PAR NO_SUCH_THING,1')
    expect(await x.ask('SIM:DUT:PAR? NO_SUCH_THING')).toBeNull()
    expect(await x.errors()).toEqual([-224, -224])
    expect(await x.ask('SIM:DUT:PAR:CAT?')).toContain('"TEMPCO_PPM_PER_C"')
  })

  it('fault injection calls the host hooks; a bad target is −141, a negative time −222', async () => {
    const { x, faultCalls } = setup()
    await x.ask('SIM:FAUL:DISC DMM,30')
    await x.ask('SIMulation:FAULt:DISConnect CHAMber,5')
    await x.ask('SIM:FAUL:DISC SUPP,1;DISC LOAD,2')
    await x.ask('SIM:FAUL:CLE')
    expect(faultCalls).toEqual([['dmm', 30], ['chamber', 5], ['supply', 1], ['load', 2], 'clear'])
    await x.ask('SIM:FAUL:DISC SCOPE,5')
    await x.ask('SIM:FAUL:DISC DMM,-5')
    expect(await x.errors()).toEqual([-141, -222])
  })

  it('sockets and lots: SIM:SOCK?, SIM:LOT:SIZE?, SIM:LOT:LOAD swaps the board; serials and truths follow', async () => {
    const lot = { name: 'W3', size: 12, seed: 4, spread: { tempco_ppm_per_c: 10 }, corners: { low: { uvlo_v: 1 } } }
    const t = createTestBench({ sockets: 4, lot })
    const x = t.client('control')
    expect(await x.ask('SIM:SOCK?;:SIM:LOT:SIZE?;:SIM:LOT:NAME?;:SIM:LOT:CORN?')).toBe('+4;+13;"W3";"low"')
    expect(await x.ask('SIM:DUT:SER? 3')).toBe('"W3-003"')
    expect(await x.ask('SIM:DUT:SER?')).toBe('"W3-001"')
    await x.ask('SIM:LOT:LOAD 9')
    expect(await x.ask('SIM:LOT:LOAD?')).toBe('+9')
    const serials = []
    for (let n = 1; n <= 4; n++) serials.push(await x.ask(`SIM:DUT:SER? ${n}`))
    expect(serials).toEqual(['"W3-009"', '"W3-010"', '"W3-011"', '"W3-012"'])
    const truth = num(await x.ask('SIM:DUT:PAR? TEMPCO_PPM_PER_C,2'))
    expect(truth).toBeCloseTo(t.model.lot.parameters(10).tempco_ppm_per_c as number, 6)
    await x.ask('SIM:DUT:PAR TEMPCO_PPM_PER_C,75,2')
    expect(num(await x.ask('SIM:DUT:PAR? TEMPCO_PPM_PER_C,2'))).toBe(75)
    expect(num(await x.ask('SIM:DUT:PAR? TEMPCO_PPM_PER_C,1'))).not.toBe(75)
    await x.ask('SIM:LOT:LOAD 11')
    expect(await x.ask('SIM:DUT:SER? 3')).toBe('"W3-013"')
    expect(num(await x.ask('SIM:DUT:PAR? UVLO_V,3'))).toBe(1)
    expect(await x.ask('SIM:DUT:SER? 4')).toBe('""')
    expect(await x.ask('SIM:STAT?')).toContain('"sockets":[{"serial":"W3-011"')
    await x.ask('SIM:DUT:PAR? UVLO_V,4')
    await x.ask('SIM:DUT:SER? 5')
    await x.ask('SIM:LOT:LOAD 14')
    await x.ask('SIM:DUT:PAR TEMPCO_PPM_PER_C,1,0')
    expect(await x.errors()).toEqual([-221, -222, -222, -222])
  })

  it('SIM:LOT:DEFine replaces the lot (one JSON string) and loads its first board; bad ones are −224/−222 and change nothing', async () => {
    const t = createTestBench({ sockets: 4 })
    const x = t.client('control')
    const lot = {
      name: 'LOT24-07',
      size: 6,
      seed: 7,
      spread: { tempco_ppm_per_c: 10 },
      corners: { slow: { dropout_voltage: '+10%' } },
    }
    await x.ask(`SIM:LOT:LOAD 2;:SIM:LOT:DEF '${JSON.stringify(lot)}'`)
    expect(await x.ask('SIM:LOT:SIZE?;:SIM:LOT:NAME?;:SIM:LOT:LOAD?;:SIM:LOT:CORN?')).toBe('+7;"LOT24-07";+1;"slow"')
    expect(await x.ask('SIM:DUT:SER? 4')).toBe('"LOT24-07-004"')
    expect(num(await x.ask('SIM:DUT:PAR? TEMPCO_PPM_PER_C,3'))).toBeCloseTo(
      t.model.lot.parameters(3).tempco_ppm_per_c as number,
      6,
    )
    const answer = (await x.ask('SIM:LOT:DEF?')) as string
    expect(JSON.parse(answer.slice(1, -1).replace(/""/g, '"'))).toEqual(lot)
    // The same lot as the configuration would draw: the members are the lot's, not the order they were asked in.
    const configured = createTestBench({ sockets: 4, lot })
    expect(configured.model.lot.parameters(5)).toEqual(t.model.lot.parameters(5))
    await x.ask(`SIM:LOT:DEF 'not json'`)
    await x.ask(`SIM:LOT:DEF '{"name":"X","size":2,"spread":{"no_such":1}}'`)
    await x.ask(`SIM:LOT:DEF '{"name":"X","size":-1}'`)
    await x.ask(`SIM:LOT:DEF '{"name":"X","size":2,"spread":{"tempco_ppm_per_c":-1}}'`)
    await x.ask(`SIM:LOT:DEF '{"name":"X","size":2,"colour":"red"}'`)
    expect(await x.errors()).toEqual([-224, -224, -224, -222, -224])
    expect(await x.ask('SIM:LOT:NAME?;:SIM:LOT:SIZE?')).toBe('"LOT24-07";+7')
    // Power-on (SIM:RESET) brings back the configured lot.
    await x.ask('SIM:RESET')
    expect(await x.ask('SIM:LOT:NAME?;:SIM:LOT:SIZE?')).toBe('"LOT";+4')
  })

  it('SIM:FAULT:DISConnect reaches the switch/measure unit', async () => {
    const { x, faultCalls } = setup()
    await x.ask('SIM:FAUL:DISC MUX,3')
    expect(faultCalls).toEqual([['mux', 3]])
  })
})
