import { type ChunkInfo, COUNTERS_KEY, RAW_CODE, readCounters, type StoreLayout } from '@netswarm/chunk-store'

/** What one collection removed. */
export interface GcResult {
  chunksRemoved: number
  bytesRemoved: number
  manifestsRemoved: number
}

/** Options of {@link GarbageCollector}. */
export interface GcOptions {
  /** Entries examined per write transaction; small, so writers and readers wait little. @default 256 */
  batchSize?: number
  /**
   * Data younger than this is kept even when unreferenced, so an upload's chunks survive until its
   * manifest is stored and pinned. @default 300_000
   */
  graceMs?: number
  now?: () => number
}

/**
 * Incremental mark-and-sweep. The mark is kept up to date by pinning (`refs` counts per chunk,
 * `pins` per manifest), so a pass is only a sweep over the `info` index: small write
 * transactions, each re-checking its entries, with the event loop free in between. Pins, puts and
 * reads may run concurrently; LMDB serialises the transactions, so a chunk pinned during a pass is
 * never removed.
 */
export class GarbageCollector {
  private running: Promise<GcResult> | undefined
  private readonly batchSize: number
  private readonly graceMs: number
  private readonly now: () => number

  constructor(
    private readonly layout: StoreLayout,
    options: GcOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 256
    this.graceMs = options.graceMs ?? 300_000
    this.now = options.now ?? Date.now
  }

  /** Runs one full pass; concurrent callers share the pass in progress. */
  collect(options: { signal?: AbortSignal } = {}): Promise<GcResult> {
    if (!this.running) {
      this.running = this.pass(options.signal).finally(() => {
        this.running = undefined
      })
    }
    return this.running
  }

  /** Resolves when no pass is running (a failed or aborted pass counts as finished). */
  async idle(): Promise<void> {
    await this.running?.catch(() => undefined)
  }

  private async pass(signal: AbortSignal | undefined): Promise<GcResult> {
    const result: GcResult = { chunksRemoved: 0, bytesRemoved: 0, manifestsRemoved: 0 }
    const cutoffSec = Math.floor((this.now() - this.graceMs) / 1000)
    let after: Buffer | undefined
    for (;;) {
      signal?.throwIfAborted()
      const keys: Buffer[] = []
      for (const key of this.layout.info.getKeys(after ? { start: after } : {})) {
        if (after?.equals(key)) continue
        keys.push(key)
        if (keys.length === this.batchSize) break
      }
      if (keys.length === 0) return result
      after = keys[keys.length - 1]
      await this.layout.env.childTransaction(() => this.sweep(keys, cutoffSec, result))
      // Yield so requests interleave with the pass instead of waiting for all of it.
      await new Promise<void>((resolve) => setImmediate(resolve))
    }
  }

  /** Removes the unreferenced, old-enough entries of one batch. Inside a write transaction. */
  private sweep(keys: Buffer[], cutoffSec: number, result: GcResult): void {
    const { chunks, info, manifests, pins, refs, meta } = this.layout
    const counters = readCounters(this.layout)
    let changed = false
    for (const key of keys) {
      const entry = info.get(key) as ChunkInfo | undefined
      if (!entry || entry[1] > cutoffSec) continue
      const [size] = entry
      // CIDv1 binary form: version byte, then the codec varint (one byte for raw 0x55).
      if (key[1] === RAW_CODE) {
        if ((refs.get(key) ?? 0) > 0) continue
        chunks.remove(key)
        info.remove(key)
        counters.chunks -= 1
        counters.chunkBytes -= size
        result.chunksRemoved += 1
        result.bytesRemoved += size
      } else {
        if (pins.doesExist(key)) continue
        manifests.remove(key)
        info.remove(key)
        counters.manifests -= 1
        counters.manifestBytes -= size
        result.manifestsRemoved += 1
        result.bytesRemoved += size
      }
      changed = true
    }
    if (changed) meta.put(COUNTERS_KEY, counters)
  }
}
