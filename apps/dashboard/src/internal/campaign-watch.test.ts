import { createTempStorage, newCampaign, type TempStorage } from '@dvt/storage/testing'
import { afterEach, describe, expect, it } from 'vitest'
import type { CampaignMessage } from '../schemas/messages'
import { watchCampaigns } from './campaign-watch'

/** Resolves with the first message `match` accepts. */
function nextNews(received: CampaignMessage[], match: (m: CampaignMessage) => boolean): Promise<CampaignMessage> {
  return new Promise((resolve) => {
    const check = setInterval(() => {
      const found = received.find(match)
      if (found) {
        clearInterval(check)
        resolve(found)
      }
    }, 5)
  })
}

describe('watchCampaigns', () => {
  let temp: TempStorage | null = null
  afterEach(async () => {
    await temp?.cleanup()
    temp = null
  })

  it('reports the stored progress of a campaign another process runs, each change once, and its end', async () => {
    temp = createTempStorage()
    const terminal = temp.reopen() // the connection of a `dvt run-plan` in a terminal
    const campaign = await terminal.createCampaign(newCampaign())
    await terminal.updateCampaign(campaign.id, { status: 'running' })
    const received: CampaignMessage[] = []
    const watch = watchCampaigns(temp.storage, (m) => received.push(m), { intervalMs: 10 })
    try {
      const first = await nextNews(received, (m) => m.campaign.id === campaign.id)
      expect(first).toMatchObject({ type: 'campaign', event: 'progress', campaign: { status: 'running' } })
      const progress = { pointsDone: 3, pointsTotal: 8, dutsDone: 0, current: null }
      await terminal.updateCampaign(campaign.id, { progress })
      const moved = await nextNews(received, (m) => m.campaign.progress.pointsDone === 3)
      expect(moved.campaign.progress).toEqual(progress)
      await terminal.updateCampaign(campaign.id, { status: 'passed', yield: 1, completedAt: new Date().toISOString() })
      const ended = await nextNews(received, (m) => m.campaign.status === 'passed')
      expect(ended.campaign).toMatchObject({ id: campaign.id, yield: 1 })
      const before = received.length
      await new Promise((r) => setTimeout(r, 60))
      expect(received.length).toBe(before)
      expect(
        received.filter((m) => m.campaign.progress.pointsDone === 3 && m.campaign.status === 'running'),
      ).toHaveLength(1)
    } finally {
      watch.close()
    }
  })
})
