import type { CampaignStorage, CampaignSummary } from '@dvt/storage'

/**
 * Stores a campaign summary (e.g. `sampleCampaignSummary()`) through the storage API, as the runner would have:
 * the campaign, its DUTs and points, each point finished with its results, the derived results, the verdicts and
 * the final state. For tests that need a stored campaign without running one.
 */
export async function storeSampleCampaign(storage: CampaignStorage, summary: CampaignSummary): Promise<void> {
  const { campaign } = summary
  const { id } = campaign
  await storage.createCampaign({ ...campaign })
  await storage.addCampaignDuts(
    id,
    summary.duts.map(({ campaignId: _c, verdict: _v, ...dut }) => dut),
  )
  await storage.addCampaignPoints(
    id,
    summary.points.map(({ campaignId: _c, status: _s, runId: _r, attempts: _a, ...point }) => point),
  )
  const strip = ({ campaignId: _c, ...result }: CampaignSummary['results'][number]) => result
  for (const point of summary.points) {
    if (point.status !== 'done' || point.runId === null) continue
    await storage.startCampaignPoint(id, point, point.runId)
    const results = summary.results.filter((r) => r.runId === point.runId).map(strip)
    await storage.finishCampaignPoint(id, point, 'done', results)
  }
  await storage.addCampaignResults(id, summary.results.filter((r) => r.runId === null).map(strip))
  for (const dut of summary.duts) await storage.setCampaignDutVerdict(id, dut.serial, dut.verdict)
  await storage.updateCampaign(id, {
    status: campaign.status,
    statusReason: campaign.statusReason,
    completedAt: campaign.completedAt,
    yield: campaign.yield,
    progress: campaign.progress,
    simulatedSeconds: campaign.simulatedSeconds,
  })
}
