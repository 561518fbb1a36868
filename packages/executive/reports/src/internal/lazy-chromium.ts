import type { Browser } from 'puppeteer-core'
import { type Chromium, launchChromium } from '../chromium'

/** One Chromium, started on first use, started again after it crashed or was stopped. */
export interface LazyChromium {
  browser(): Promise<Browser>
  stop(): Promise<void>
}

export function createLazyChromium(executablePath: string, timeoutMs: number): LazyChromium {
  let chromium: Promise<Chromium> | null = null
  return {
    browser: async () => {
      if (!chromium) {
        const starting = launchChromium(executablePath, timeoutMs)
        chromium = starting
        const forget = (): void => {
          if (chromium === starting) chromium = null
        }
        starting.then((c) => c.browser.once('disconnected', forget), forget)
      }
      return (await chromium).browser
    },
    stop: async () => {
      const current = chromium
      chromium = null
      if (current) await current.then((c) => c.close()).catch(() => undefined)
    },
  }
}
