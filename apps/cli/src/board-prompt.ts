import { createInterface, type Interface } from 'node:readline'
import type { LoadBoard } from '@dvt/campaigns'

/** Asks the operator on the terminal to load each board; `close` when the campaign is over. */
export interface BoardPrompt {
  readonly loadBoard: LoadBoard
  close(): void
}

/**
 * Real hardware: the operator loads each board, asked on the terminal (stderr), and presses Enter. One line
 * reader serves every question, so a line typed ahead is kept for the next board. Ctrl-C at a question is Ctrl-C of
 * the campaign (the terminal is in raw mode then: readline reports it, not the process), and an aborted campaign
 * stops waiting. Undefined when stdin is not a terminal: nobody could answer.
 */
export function createBoardPrompt(signal: AbortSignal): BoardPrompt | undefined {
  if (!process.stdin.isTTY) return undefined
  let rl: Interface | null = null
  let lines: AsyncIterator<string> | null = null
  const close = () => {
    rl?.close()
    rl = null
  }
  const open = () => {
    const reader = createInterface({ input: process.stdin, output: process.stderr })
    reader.on('SIGINT', () => process.kill(process.pid, 'SIGINT'))
    signal.addEventListener('abort', close, { once: true })
    rl = reader
    lines = reader[Symbol.asyncIterator]()
    return reader
  }
  return {
    async loadBoard(board, serials) {
      if (signal.aborted) throw new Error('aborted')
      const reader = rl ?? open()
      const where = serials.length === 1 ? 'socket 1' : `sockets 1…${serials.length}`
      reader.setPrompt(`\nload board ${board + 1}: ${serials.join(', ')} into ${where}, then press Enter `)
      reader.prompt()
      const answer = await lines!.next()
      if (answer.done) throw new Error(signal.aborted ? 'aborted' : 'the terminal closed before the board was loaded')
    },
    close,
  }
}
