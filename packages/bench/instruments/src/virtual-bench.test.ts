import { describe, expect, it } from 'vitest'
import { createTestBench } from './testing/test-bench'

describe('virtual bench', () => {
  it.each([
    ['control', 'DVT-SIM,CONTROL,0,9.8.7'], // the release version, 9.8.7 on the test bench
    ['chamber', 'TEMPTRONIC,ATS-545-SIM,0,1.0.0'],
    ['supply', 'Keysight Technologies,E36312A-SIM,0,1.0.0'],
    ['dmm', 'Keysight Technologies,34461A-SIM,0,1.0.0'],
    ['load', 'Keysight Technologies,EL34143A-SIM,0,1.0.0'],
  ] as const)('the %s port identifies itself as %s', async (role, idn) => {
    expect(await createTestBench().client(role).ask('*IDN?')).toBe(idn)
  })
})
