import { constants } from 'node:fs'
import { access, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import puppeteer, { type Browser } from 'puppeteer-core'
import { ReportError } from './report-error'

/** Where Debian's `chromium` package installs the browser. */
export const defaultChromiumPath = '/usr/bin/chromium'

/** Flags for a headless print-only Chromium: no sandbox (containers), no GPU, nothing phoning home. */
export const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
] as const

/** A running Chromium with its own throw-away profile directory. */
export interface Chromium {
  browser: Browser
  /** Closes the browser (killing it if it does not close) and removes the profile directory. */
  close(): Promise<void>
}

function missing(path: string, cause?: unknown): ReportError {
  return new ReportError(
    'REPORT_CHROMIUM_MISSING',
    `Chromium was not found at "${path}": install it with "apt-get install -y --no-install-recommends chromium" ` +
      'or set reporting.chromium_path to the Chromium executable.',
    { cause },
  )
}

/** Starts Chromium at `executablePath` with a fresh temporary `--user-data-dir`. */
export async function launchChromium(executablePath: string, timeoutMs: number): Promise<Chromium> {
  try {
    await access(executablePath, constants.X_OK)
  } catch (error) {
    throw missing(executablePath, error)
  }
  const profile = await mkdtemp(join(tmpdir(), 'dvt-report-chromium-'))
  let browser: Browser
  try {
    browser = await puppeteer.launch({
      executablePath,
      headless: true,
      pipe: true,
      userDataDir: profile,
      args: [...chromiumFlags],
      timeout: timeoutMs,
      protocolTimeout: timeoutMs,
      // The CLI owns Ctrl-C (abort, then a second Ctrl-C exits); puppeteer must not exit the process.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    })
  } catch (error) {
    await rm(profile, { recursive: true, force: true })
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw missing(executablePath, error)
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)
    throw new ReportError('REPORT_LAUNCH_FAILED', `Chromium at "${executablePath}" did not start: ${reason}`, {
      cause: error,
    })
  }
  return { browser, close: () => closeChromium(browser, profile) }
}

async function closeChromium(browser: Browser, profile: string): Promise<void> {
  try {
    await browser.close()
  } catch {
    browser.process()?.kill('SIGKILL')
  }
  await rm(profile, { recursive: true, force: true, maxRetries: 3 })
}
