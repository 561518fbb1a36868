/**
 * A small seeded PRNG (mulberry32) for tests and fixtures: the same seed gives the same sequence on every run,
 * so a failing random input can be replayed. Uniform in [0, 1). (The simulator's noise comes from
 * `createPrng` in `@dvt/physics`; this one is for test data only.)
 */
export function createSeededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** `length` bytes from `random`, each uniform in 0…255. */
export function randomBytes(random: () => number, length: number): Buffer {
  const bytes = Buffer.alloc(length)
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(random() * 256)
  return bytes
}
