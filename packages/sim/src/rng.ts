/**
 * Seeded pseudo-random numbers (sfc32), so a simulation run is replayable from its seed.
 * Not for cryptography.
 */
export class Rng {
  private a: number
  private b: number
  private c: number
  private d: number
  /** The seed this generator started from (print it when a sim fails). */
  readonly seed: number

  constructor(seed: number) {
    this.seed = seed >>> 0
    this.a = 0x9e3779b9
    this.b = 0x243f6a88
    this.c = 0xb7e15162
    this.d = this.seed
    // Warm up so nearby seeds diverge.
    for (let i = 0; i < 15; i++) this.nextUint32()
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return t >>> 0
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n)
  }

  /** `n` random bytes. */
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n)
    for (let i = 0; i < n; i += 4) {
      const v = this.nextUint32()
      for (let j = 0; j < 4 && i + j < n; j++) out[i + j] = (v >>> (8 * j)) & 0xff
    }
    return out
  }

  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1)
      const tmp = items[i]
      items[i] = items[j]
      items[j] = tmp
    }
    return items
  }

  /** A child generator with an independent stream, derived from this one. */
  fork(): Rng {
    return new Rng(this.nextUint32())
  }
}

/** The seed from `NETSWARM_SIM_SEED`, or a fresh one; tests print it so a failure can be replayed. */
export function simSeed(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.NETSWARM_SIM_SEED
  if (text !== undefined && /^\d+$/.test(text)) return Number(text) >>> 0
  return (Math.random() * 2 ** 32) >>> 0
}
