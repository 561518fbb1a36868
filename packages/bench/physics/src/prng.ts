/** A seeded pseudo-random generator: sfc32 for uniforms, Box–Muller (with its spare kept) for gaussians. */
export interface Prng {
  /** The seed it was last (re)seeded with. */
  readonly seed: number
  /** Uniform in [0, 1), 32 bits of resolution. */
  next(): number
  /** Standard normal deviate (mean 0, σ 1). */
  gaussian(): number
  /** Restart the sequence from `seed`. */
  reseed(seed: number): void
}

const TWO_POW_32 = 4294967296

/** splitmix32: spreads an arbitrary seed over the four sfc32 state words. */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0
  let z = state.s
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad)
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97)
  return (z ^ (z >>> 15)) >>> 0
}

class Sfc32 implements Prng {
  seed = 0
  private a = 0
  private b = 0
  private c = 0
  private d = 0
  private spare = 0
  private hasSpare = false

  constructor(seed: number) {
    this.reseed(seed)
  }

  reseed(seed: number): void {
    this.seed = seed
    const mix = { s: (seed >>> 0) ^ Math.floor(seed / TWO_POW_32) }
    this.a = splitmix32(mix)
    this.b = splitmix32(mix)
    this.c = splitmix32(mix)
    this.d = splitmix32(mix)
    this.hasSpare = false
    for (let i = 0; i < 12; i++) this.next()
  }

  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return (t >>> 0) / TWO_POW_32
  }

  gaussian(): number {
    if (this.hasSpare) {
      this.hasSpare = false
      return this.spare
    }
    const u1 = 1 - this.next()
    const u2 = this.next()
    const radius = Math.sqrt(-2 * Math.log(u1))
    const angle = 2 * Math.PI * u2
    this.spare = radius * Math.sin(angle)
    this.hasSpare = true
    return radius * Math.cos(angle)
  }
}

/**
 * Create the seeded PRNG. Same seed → the same sequence on every platform (integer arithmetic only
 * for the state; the gaussian uses `Math.log/sqrt/cos/sin`, which are deterministic within one Node build).
 */
export function createPrng(seed: number): Prng {
  return new Sfc32(seed)
}
