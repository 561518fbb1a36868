import pg from 'pg'
import type { RunFeedEntry } from '../records'
import { FEED_CHANNEL } from './schema'

const BATCH = 1000

/** Reads the feed after `cursor`, in order, delivering each entry; returns the new cursor. */
async function catchUp(client: pg.Client, cursor: number, onEvent: (entry: RunFeedEntry) => void): Promise<number> {
  for (;;) {
    const { rows } = await client.query<{ seq: string; run_id: string; event: string }>(
      'SELECT seq, run_id, event FROM run_feed WHERE seq > $1 ORDER BY seq LIMIT $2',
      [cursor, BATCH],
    )
    for (const row of rows) {
      cursor = Number(row.seq)
      onEvent({ runId: row.run_id, seq: cursor, event: JSON.parse(row.event) as unknown })
    }
    if (rows.length < BATCH) return cursor
  }
}

/**
 * Watches the feed with LISTEN/NOTIFY on a connection of its own: a notification only wakes it, the entries are read
 * from the table after the last one seen, so nothing is missed while it reconnects after the database went away.
 */
export async function watchFeed(
  url: string,
  onEvent: (entry: RunFeedEntry) => void,
  since: number | undefined,
): Promise<() => Promise<void>> {
  let stopped = false
  let client: pg.Client | null = null
  let cursor = since ?? -1
  let reading: Promise<void> = Promise.resolve()
  let retry: NodeJS.Timeout | undefined

  const read = () => {
    reading = reading
      .then(async () => {
        if (client && !stopped) cursor = await catchUp(client, cursor, onEvent)
      })
      .catch(() => undefined)
  }

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString: url })
    next.on('error', () => undefined)
    await next.connect()
    if (cursor < 0) {
      const { rows } = await next.query<{ last: string }>('SELECT coalesce(max(seq), 0) AS last FROM run_feed')
      cursor = Number(rows[0]!.last)
    }
    next.on('notification', read)
    next.on('end', () => {
      if (client === next) client = null
      if (!stopped) schedule(250)
    })
    await next.query(`LISTEN ${FEED_CHANNEL}`)
    client = next
    read()
  }

  function schedule(ms: number): void {
    clearTimeout(retry)
    retry = setTimeout(() => {
      if (stopped) return
      connect().catch(() => schedule(Math.min(ms * 2, 2000)))
    }, ms)
    retry.unref()
  }

  await connect()
  return async () => {
    stopped = true
    clearTimeout(retry)
    await reading
    const last = client
    client = null
    await last?.end().catch(() => undefined)
  }
}
