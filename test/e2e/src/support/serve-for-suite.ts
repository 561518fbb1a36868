import { afterAll, beforeAll } from 'vitest'
import { type ServeHandle, type ServeOptions, startServe } from './dvt-process'

/**
 * One real `dvt serve` for the enclosing `describe`: started before its tests, stopped after them. Returns a
 * getter, because the server exists only once the tests run.
 */
export function serveForSuite(options: ServeOptions = {}): () => ServeHandle {
  let serve: ServeHandle | undefined
  beforeAll(async () => {
    serve = await startServe(options)
  })
  afterAll(async () => {
    await serve?.stop()
  })
  return () => {
    if (serve === undefined) throw new Error('the dvt serve of this suite has not started')
    return serve
  }
}
