import { describe, expect, it } from 'vitest'
import { dashboardConnects } from './support/dashboard-http'
import { collectOutput, runDvt, spawnDvt } from './support/dvt-process'
import { serveForSuite } from './support/serve-for-suite'

describe('dvt dashboard --sim (the dashboard alone, attached to a bench served elsewhere)', () => {
  const serve = serveForSuite({ speed: 'max' })

  it('attaches to the bench, serves its API, and stops cleanly on Ctrl-C', async () => {
    const child = spawnDvt(['dashboard', '--sim', '127.0.0.1', '--port', '0'], { env: serve().env, cwd: serve().dir })
    const { stdout } = collectOutput(child)
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    try {
      while (!/Press Ctrl-C to stop/.test(stdout())) {
        if (child.exitCode !== null) throw new Error(`dvt dashboard exited: ${stdout()}`)
        await new Promise((r) => setTimeout(r, 50))
      }
      expect(stdout()).toMatch(/dashboard for the bench at 127\.0\.0\.1/)
      const url = /^Dashboard: (http:\/\/\S+)/m.exec(stdout())?.[1]
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(await dashboardConnects(url!)).toBe(true)
      const page = await fetch(`${url}/`)
      expect(page.status).toBe(200)
      expect(await page.text()).toMatch(/<div id="root">/)
    } finally {
      child.kill('SIGINT')
    }
    expect(await exited).toBe(0)
  })

  it('refuses to listen beyond loopback without a token, in one sentence', async () => {
    const r = await runDvt(['dashboard', '--host', '0.0.0.0', '--port', '0'], { env: serve().env, cwd: serve().dir })
    expect(r.code).not.toBe(0)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/^dvt: .*token/)
  })
})
