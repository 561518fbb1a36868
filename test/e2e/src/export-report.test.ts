import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runDvt, type ServeHandle, startServe } from './support/dvt-process'
import { NO_STACK } from './support/expect-cli'

function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
}

function pdfPages(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' })
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1])
}

describe('dvt export-report (real dvt serve, real run, real Chromium)', () => {
  let serve: ServeHandle
  let run: { id: string; status: string; results: { parameter: string; value: number }[] }
  const dvt = (args: string[]) => runDvt(args, { env: serve.env, cwd: serve.dir, timeoutMs: 60_000 })

  beforeAll(async () => {
    serve = await startServe({ speed: 'max' })
    const r = await dvt([
      'run-test',
      'tempco',
      '--json',
      '--serial',
      'LDO-E2E-0042',
      '--operator',
      'a.tester',
      '--description',
      '<script>alert(1)</script> lot 7',
    ])
    run = JSON.parse(r.stdout)
  })
  afterAll(async () => {
    await serve?.stop()
  })

  it('writes the report of a run given by its 8-character ID to the default reports folder', async () => {
    const r = await dvt(['export-report', run.id.slice(0, 8)])
    expect(r.code, r.stderr).toBe(0)
    const dir = join(serve.dir, 'data', 'reports')
    const files = readdirSync(dir)
    expect(files).toHaveLength(1)
    expect(files[0]).toMatch(new RegExp(`^tempco_${run.id.slice(0, 8)}_\\d{8}-\\d{6}\\.pdf$`))
    expect(r.stdout).toContain(join(dir, files[0]!))
    const file = join(dir, files[0]!)
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-')
    const text = pdfText(file)
    expect(text).toContain(run.id)
    expect(text).toContain('LDO-E2E-0042')
    expect(text).toContain('PASSED')
    for (const result of run.results) expect(text).toContain(result.parameter)
    expect(text).toMatch(/Page 1 of \d+/)
    // The description is printed as text, never run.
    expect(text).toContain('<script>alert(1)</script> lot 7')
  })

  it('writes to -o with the company name asked for, page count as pdfinfo sees it', async () => {
    const out = join(serve.dir, 'custom.pdf')
    const r = await dvt(['export-report', run.id, '-o', out, '--company', 'Acme Power Devices'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/custom\.pdf \((\d+) pages?, \d+ KiB\)/)
    const pages = Number(/\((\d+) page/.exec(r.stdout)?.[1])
    expect(pdfPages(out)).toBe(pages)
    expect(pdfText(out)).toContain('Acme Power Devices')
  })

  it('an unknown run is one sentence, exit 1, and no file', async () => {
    const out = join(serve.dir, 'never.pdf')
    const r = await dvt(['export-report', 'deadbeef', '-o', out])
    expect(r.code).toBe(1)
    expect(r.stderr.trim()).toBe('dvt: no run matches "deadbeef" — "dvt list-runs" shows the IDs')
    expect(r.stderr).not.toMatch(NO_STACK)
    expect(existsSync(out)).toBe(false)
  })

  it('a Chromium that is not there is one sentence with the install command, and no file', async () => {
    const out = join(serve.dir, 'no-chromium.pdf')
    const r = await runDvt(['export-report', run.id, '-o', out], {
      env: { ...serve.env, DVT__REPORTING__CHROMIUM_PATH: '/nonexistent/chromium' },
      cwd: serve.dir,
    })
    expect(r.code).not.toBe(0)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/apt-get install -y --no-install-recommends chromium/)
    expect(r.stderr).toMatch(/reporting\.chromium_path/)
    expect(existsSync(out)).toBe(false)
  })
})
