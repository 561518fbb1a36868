import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runDvt, type ServeHandle, spawnDvt, startServe } from './support/dvt-process'

describe('dvt dashboard --sim (the dashboard alone, attached to a bench served elsewhere)', () => {
  let serve: ServeHandle
  beforeAll(async () => {
    serve = await startServe({ speed: 'max' })
  })
  afterAll(async () => {
    await serve?.stop()
  })

  it('attaches to the bench, serves its API, and stops cleanly on Ctrl-C', async () => {
    const child = spawnDvt(['dashboard', '--sim', '127.0.0.1', '--port', '0'], { env: serve.env, cwd: serve.dir })
    let out = ''
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
    })
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    try {
      while (!/Press Ctrl-C to stop/.test(out)) {
        if (child.exitCode !== null) throw new Error(`dvt dashboard exited: ${out}`)
        await new Promise((r) => setTimeout(r, 50))
      }
      expect(out).toMatch(/dashboard for the bench at 127\.0\.0\.1/)
      const url = /^Dashboard: (http:\/\/\S+)/m.exec(out)?.[1]
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      let connected = false
      for (let i = 0; i < 50 && !connected; i++) {
        const status = (await (await fetch(`${url}/api/status`)).json()) as { sim: { connected: boolean } }
        connected = status.sim.connected
        if (!connected) await new Promise((r) => setTimeout(r, 100))
      }
      expect(connected).toBe(true)
      const page = await fetch(`${url}/`)
      expect(page.status).toBe(200)
      expect(await page.text()).toMatch(/<div id="root">/)
    } finally {
      child.kill('SIGINT')
    }
    expect(await exited).toBe(0)
  })

  it('refuses to listen beyond loopback without a token, in one sentence', async () => {
    const r = await runDvt(['dashboard', '--host', '0.0.0.0', '--port', '0'], { env: serve.env, cwd: serve.dir })
    expect(r.code).not.toBe(0)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/^dvt: .*token/)
  })
})
