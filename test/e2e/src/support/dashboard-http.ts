/** POSTs `body` as JSON to a dashboard (`url` is the whole address: base and path). */
export function postJson(url: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
}

/** Asks a dashboard's `/api/status` (up to 50 times, 100 ms apart) until it reports the bench connected. */
export async function dashboardConnects(url: string): Promise<boolean> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const status = (await (await fetch(`${url}/api/status`)).json()) as { sim: { connected: boolean } }
    if (status.sim.connected) return true
    await new Promise((r) => setTimeout(r, 100))
  }
  return false
}
