import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { FitSingularError, loadRunData } from '@dvt/analysis'
import { formatDutFile } from '@dvt/config'
import { CliError } from '../cli-error'
import { table } from '../format'
import { loadCliConfig } from '../load-cli-config'
import { openCliStorage } from '../open-cli-storage'
import { fitTwin, type TwinFit, type TwinParameterResult } from '../twin/fit-twin'
import { checkFittable } from '../twin/fittable-runs'
import { twinDutFile } from '../twin/twin-dut-file'

interface FitFlags {
  output: string
  json?: boolean
  config?: string
}

/** A value to the digits its interval's half-width justifies (two significant digits of the half-width). */
export function formatEstimate(value: number, half: number | null): string {
  if (half === null || !(half > 0) || !Number.isFinite(half)) return String(Number(value.toPrecision(6)))
  const decimals = Math.min(12, Math.max(0, 1 - Math.floor(Math.log10(half))))
  return value.toFixed(decimals)
}

function parameterRow(p: TwinParameterResult): string[] {
  if (!p.fitted)
    return [p.label, formatEstimate(p.value, null), 'not determined: held at the model default', p.unit, '']
  const half = p.high! - p.value
  const interval = `${formatEstimate(p.low!, half)} … ${formatEstimate(p.high!, half)}`
  return [p.label, formatEstimate(p.value, half), interval, p.unit, p.from.join(', ')]
}

function printFit(fit: TwinFit, output: string, runs: number): void {
  console.log(`Model parameters from ${runs} run${runs === 1 ? '' : 's'} (95 % intervals; docs/twin.md)\n`)
  console.log(table(['parameter', 'estimate', '95 % interval', 'unit', 'from'], fit.parameters.map(parameterRow)))
  console.log('\nNoise, as the fit found it')
  const rows = fit.groups.map((g) => [
    g.name,
    String(g.n),
    g.floored ? 'the spread of its readings' : 'its residuals',
    g.dof.toFixed(1),
  ])
  console.log(table(['readings of', 'n', 'noise from', 'dof'], rows))
  const missing = fit.parameters.filter((p) => !p.fitted).map((p) => p.label)
  if (missing.length > 0)
    console.log(`\nnot determined by these runs (held at the model's defaults): ${missing.join(', ')}`)
  console.log(`\nwrote ${output}; host the twin with: dvt serve --dut ${output}`)
}

export async function fit(ids: string[], flags: FitFlags): Promise<number> {
  const storage = await openCliStorage(loadCliConfig(flags))
  try {
    const runs = []
    for (const id of ids) runs.push(await loadRunData(storage, id))
    checkFittable(runs)
    let result: TwinFit
    try {
      result = fitTwin(runs)
    } catch (error) {
      if (!(error instanceof FitSingularError)) throw error
      throw new CliError(
        'CLI_USAGE',
        `these runs do not determine ${error.parameters.join(', ')}; add the runs that measure it (docs/twin.md#what-the-fit-reads)`,
      )
    }
    const output = resolve(flags.output)
    writeFileSync(output, formatDutFile(twinDutFile(result, runs)))
    if (flags.json) console.log(JSON.stringify({ output, parameters: result.parameters, groups: result.groups }))
    else printFit(result, flags.output, runs.length)
    return 0
  } finally {
    await storage.close()
  }
}
