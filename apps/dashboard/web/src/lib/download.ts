import { apiFetch } from './api-client'

/** Fetches a file from the API and saves it under the name the server gave it (`fallback` if it gave none). */
export async function downloadFile(path: string, fallback: string): Promise<void> {
  const response = await apiFetch(path)
  const disposition = response.headers.get('content-disposition') ?? ''
  const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallback
  const url = URL.createObjectURL(await response.blob())
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
