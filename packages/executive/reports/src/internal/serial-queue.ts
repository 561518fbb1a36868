/** Runs jobs one at a time, in the order they were queued; a failed job does not stop the queue. */
export interface SerialQueue {
  run<T>(job: () => Promise<T>): Promise<T>
  /** Resolves once every job queued so far has settled. */
  idle(): Promise<void>
}

export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve()
  return {
    run: (job) => {
      const next = tail.then(job, job)
      tail = next.catch(() => undefined)
      return next
    },
    idle: async () => {
      await tail
    },
  }
}
