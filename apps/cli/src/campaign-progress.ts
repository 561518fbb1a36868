import type { CampaignEvent } from '@dvt/campaigns'
import { formatPercent } from './format'
import type { ProgressStream } from './progress-display'

/**
 * The live progress of `dvt run-plan`: on a terminal one redrawn line (temperature k of n, board, socket count, step,
 * points, DUTs done, live yield); elsewhere one line per temperature, board, DUT and point that did not pass.
 * Writes to stderr so `--json` stays clean.
 */
export function createCampaignProgress(stream: ProgressStream = process.stderr) {
  const tty = stream.isTTY === true
  let drawn = false
  let temperature = ''
  let board = ''
  let liveYield: number | null = null

  const line = (text: string) => {
    clear()
    stream.write(`${text}\n`)
  }
  function clear(): void {
    if (tty && drawn) stream.write('\r\x1b[2K')
    drawn = false
  }
  function draw(event: CampaignEvent): void {
    if (!tty) return
    const p = event.progress
    const step = p.current ? `${p.current.test}` : ''
    const text = `${temperature}  ${board}  ${step}  points ${p.pointsDone}/${p.pointsTotal}  DUTs ${p.dutsDone}  yield ${formatPercent(liveYield)}`
    stream.write(
      `\r\x1b[2K${text
        .replace(/ {3,}/g, '  ')
        .trim()
        .slice(0, (stream.columns ?? 120) - 1)}`,
    )
    drawn = true
  }

  return {
    observe(event: CampaignEvent): void {
      switch (event.type) {
        case 'campaign-started': {
          const c = event.campaign
          const how = event.resumed ? 'resuming' : 'campaign'
          line(
            `${how} ${c.id.slice(0, 8)}: ${c.name} — lot ${c.lotName} (${c.lotSize} DUTs), ${c.sockets} sockets, ${c.temperaturesC.join(' / ')} °C`,
          )
          break
        }
        case 'temperature-started':
          temperature = `temperature ${event.temperatureIndex + 1} of ${event.temperatures} (${event.temperatureC} °C)`
          if (!tty) line(`${temperature}: ramp and soak`)
          break
        case 'board-loaded':
          board = `board ${event.board + 1} of ${event.boards} (${event.serials.length} socket${event.serials.length === 1 ? '' : 's'})`
          if (!tty) line(`  ${board}: ${event.serials[0]} … ${event.serials.at(-1)}`)
          break
        case 'point-finished':
          if (event.point.status !== 'done') {
            const why = event.reason ? ` — ${event.reason}` : ''
            line(
              `  ${event.point.test} at ${event.point.temperatureC} °C, board ${event.point.board + 1}: ${event.point.status}${why}`,
            )
          }
          break
        case 'dut-finished':
          liveYield = event.yield
          if (!tty)
            line(`  DUT ${event.dut.serial}: ${event.dut.verdict}  (yield so far ${formatPercent(event.yield)})`)
          break
        case 'campaign-finished':
          clear()
          return
        default:
      }
      draw(event)
    },
    close: clear,
  }
}
