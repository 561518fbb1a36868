import { type CampaignSummary, loadCampaignSummary } from '@dvt/campaigns'
import { conditionsLabel, formatCharacteristic, formatLimits } from '@dvt/charts/labels'
import { formatPercent, formatTime, table } from '../format'
import { loadCliConfig } from '../load-cli-config'
import { openCliStorage } from '../open-cli-storage'
import { formatSimTime } from '../progress-display'

interface ShowCampaignFlags {
  json?: boolean
  config?: string
}

export async function showCampaign(idOrPrefix: string, flags: ShowCampaignFlags): Promise<number> {
  const storage = await openCliStorage(loadCliConfig(flags))
  try {
    await storage.recoverInterruptedCampaigns()
    const summary = await loadCampaignSummary(storage, await storage.resolveCampaignId(idOrPrefix))
    if (flags.json) console.log(JSON.stringify(summary))
    else printSummary(summary)
    return 0
  } finally {
    await storage.close()
  }
}

function printSummary(s: CampaignSummary): void {
  const c = s.campaign
  const fields: [string, string][] = [
    ['campaign', c.id],
    ['name', c.name],
    ['status', `${c.status}${c.statusReason ? ` — ${c.statusReason}` : ''}`],
    ['lot', `${c.lotName}, ${c.lotSize} DUTs on ${c.sockets} socket${c.sockets === 1 ? '' : 's'}`],
    ['temperatures', `${c.temperaturesC.join(', ')} °C`],
    ['started', formatTime(c.startedAt)],
    ['completed', formatTime(c.completedAt)],
    ['points', `${c.progress.pointsDone} of ${c.progress.pointsTotal}`],
    ['bench time', formatSimTime(c.simulatedSeconds)],
    ['yield', `${formatPercent(c.yield)}${c.minYield === null ? '' : ` (acceptance ${formatPercent(c.minYield)})`}`],
    ['station', c.station ?? '—'],
  ]
  for (const [k, v] of fields) console.log(`${k.padEnd(13)} ${v}`)
  console.log('\nElectrical characteristics')
  const rows = s.statistics.map((st) => [
    st.parameter,
    conditionsLabel(st.conditions),
    formatCharacteristic(st.min),
    formatCharacteristic(st.mean),
    formatCharacteristic(st.max),
    formatLimits(st.lowerLimit, st.upperLimit),
    st.unit,
    st.cpk === null ? '—' : st.cpk.toFixed(2),
    String(st.n),
    formatPercent(st.yield),
  ])
  console.log(table(['parameter', 'conditions', 'min', 'typ', 'max', 'limits', 'unit', 'Cpk', 'n', 'yield'], rows))
  const failing = s.duts.filter((d) => d.verdict === 'fail').map((d) => d.serial)
  const judged = s.duts.filter((d) => d.verdict !== null).length
  console.log(
    `\n${judged - failing.length} of ${judged} DUTs pass${failing.length ? `; failing: ${failing.join(', ')}` : ''}`,
  )
  if (s.accuracy.length > 0) {
    console.log('\nMethod accuracy (measured − true, simulated lot)')
    const acc = s.accuracy.map((a) => [
      a.parameter,
      conditionsLabel(a.conditions),
      formatCharacteristic(a.meanError),
      formatCharacteristic(a.stdError),
      formatCharacteristic(a.maxAbsError),
      a.unit,
      String(a.n),
    ])
    console.log(table(['parameter', 'conditions', 'mean error', 'σ', 'max |error|', 'unit', 'n'], acc))
  }
}
