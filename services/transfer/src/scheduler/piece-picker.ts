import type { Bitfield } from './bitfield.ts'
import type { Rng } from './rng.ts'

/** Chunks ahead of a streaming reader that are fetched in order before rarest-first applies. */
export const STREAMING_WINDOW_CHUNKS = 16

/**
 * Rarest-first chunk selection. Availability counts how many connected peers have each chunk; among
 * the missing chunks a peer has, the one with the lowest availability wins, ties broken by a
 * per-chunk rank drawn once from the seeded Rng (so two leechers of the same swarm spread their
 * requests instead of all asking for chunk 0). A streaming reader can pin a window of chunks that
 * come first, in file order.
 *
 * Pure and synchronous; O(missing chunks) per pick, which is a few microseconds for the chunk
 * counts of files up to a few GiB.
 */
export class PiecePicker {
  readonly total: number
  readonly #done: Bitfield
  readonly #availability: Uint32Array
  readonly #rank: Float64Array
  #missing: number[]
  #priorityFrom: number | undefined

  /** @param done chunks already held locally; they are never picked (resume). */
  constructor(done: Bitfield, rng: Rng) {
    this.total = done.size
    this.#done = done
    this.#availability = new Uint32Array(done.size)
    this.#rank = new Float64Array(done.size)
    this.#missing = []
    for (let i = 0; i < done.size; i++) {
      this.#rank[i] = rng.next()
      if (!done.has(i)) this.#missing.push(i)
    }
  }

  availability(index: number): number {
    return this.#availability[index]
  }

  /** Chunks not yet held. */
  get missingCount(): number {
    return this.total - this.#done.count
  }

  isDone(index: number): boolean {
    return this.#done.has(index)
  }

  addPeer(has: Bitfield): void {
    for (let i = 0; i < this.total; i++) if (has.has(i)) this.#availability[i]++
  }

  removePeer(has: Bitfield): void {
    for (let i = 0; i < this.total; i++) if (has.has(i) && this.#availability[i] > 0) this.#availability[i]--
  }

  addHave(index: number): void {
    this.#availability[index]++
  }

  removeHave(index: number): void {
    if (this.#availability[index] > 0) this.#availability[index]--
  }

  /** Records a verified chunk; returns false when it was already held. */
  markDone(index: number): boolean {
    return this.#done.set(index)
  }

  /** Streaming: chunks from `index` on (a window of them) are picked first, in order. */
  setPriority(index: number | undefined): void {
    this.#priorityFrom = index
  }

  /** Missing chunks in the current order of the scan (for endgame and diagnostics). */
  missing(): number[] {
    this.#compact()
    return this.#missing
  }

  /**
   * The chunk to request from a peer that has `has`, skipping chunks for which `skip` is true
   * (already requested). Undefined when nothing is left for this peer.
   */
  pick(has: Bitfield, skip: (index: number) => boolean): number | undefined {
    if (this.#priorityFrom !== undefined) {
      const end = Math.min(this.total, this.#priorityFrom + STREAMING_WINDOW_CHUNKS)
      for (let i = this.#priorityFrom; i < end; i++) {
        if (!this.#done.has(i) && has.has(i) && !skip(i)) return i
      }
    }
    this.#compact()
    let best = -1
    let bestAvailability = Number.POSITIVE_INFINITY
    let bestRank = Number.POSITIVE_INFINITY
    for (const i of this.#missing) {
      if (this.#done.has(i) || !has.has(i) || skip(i)) continue
      const a = this.#availability[i]
      if (a < bestAvailability || (a === bestAvailability && this.#rank[i] < bestRank)) {
        best = i
        bestAvailability = a
        bestRank = this.#rank[i]
      }
    }
    return best < 0 ? undefined : best
  }

  /** Drops held chunks from the scan list once enough have accumulated (amortised O(1)). */
  #compact(): void {
    if (this.#missing.length - this.missingCount > Math.max(16, this.#missing.length >> 2)) {
      this.#missing = this.#missing.filter((i) => !this.#done.has(i))
    }
  }
}
