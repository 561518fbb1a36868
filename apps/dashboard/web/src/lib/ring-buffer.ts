/** Appends to a bounded history, returning a new array (React state must not be mutated). */
export function appendBounded<T>(items: readonly T[], item: T, max: number): T[] {
  const start = items.length >= max ? items.length - max + 1 : 0
  const next = items.slice(start)
  next.push(item)
  return next
}
