import type { CID } from 'multiformats/cid'
import { asBuffer, assertChunkCid, assertChunksBytes, cidKey } from './chunk-cid.ts'
import { LayoutMismatchError, QuotaExceededError } from './errors.ts'
import {
  COUNTERS_KEY,
  LAYOUT_KEY,
  LAYOUT_VERSION,
  type OpenLayoutOptions,
  openLayout,
  readCounters,
  readQuota,
  type StoreCounters,
  type StoreLayout,
  type SyncPolicy,
} from './layout.ts'
import { isVerifiedChunk, type VerifiedChunk } from './verified-chunk.ts'

/** A chunk to store: its CID (CIDv1 raw sha2-256) and bytes. */
export interface ChunkEntry {
  cid: CID
  bytes: Uint8Array
}

/**
 * A failed LMDB commit (disk full, I/O error) rejects with an error whose `commitError` is a second
 * promise lmdb-js never handles; mark it handled so the process does not die of an unhandled
 * rejection while the caller already got the error.
 */
export function quietCommitError(err: unknown): void {
  const detail = (err as { commitError?: Promise<unknown> } | null)?.commitError
  if (detail && typeof detail.catch === 'function') detail.catch(() => undefined)
}

/** True for the error lmdb-js rejects writes with when a commit fails (disk full, I/O error). */
export function isLmdbCommitFailure(err: unknown): boolean {
  return err instanceof Error && 'commitError' in err
}

/**
 * lmdb-js 3.5.6 also leaves one internal promise of a failed commit without a handler, which would
 * kill the process (Node's default for unhandled rejections) although every caller got its error.
 * Processes that write to the store (storage service, transfer fast path) install this once: it
 * reports those failures through `report` and keeps the default crash for any other rejection.
 */
export function guardLmdbCommitFailures(report: (err: Error) => void): void {
  process.on('unhandledRejection', (reason) => {
    if (isLmdbCommitFailure(reason)) {
      quietCommitError(reason)
      report(reason as Error)
      return
    }
    throw reason
  })
}

/** `meta` key of the last clean close (ms since epoch): the small commit close() makes. */
export const CLOSED_AT_KEY = 'closed-at'

/** How long close() waits for lmdb-js when even a tiny commit fails (disk still full). */
export const CLOSE_AFTER_FAILURE_MS = 2000

interface PendingPut {
  entries: readonly ChunkEntry[]
  keys: Buffer[]
  resolve(created: boolean[]): void
  reject(err: unknown): void
}

/** Options of {@link ChunkStore.open}. */
export interface ChunkStoreOptions extends OpenLayoutOptions {
  /** Milliseconds since epoch, for chunk timestamps (GC grace). @default Date.now */
  now?: () => number
}

/**
 * Chunk bytes in the peer's LMDB environment: the fast path. The storage service and the transfer
 * service both use it on the same directory; pins, GC and quota policy stay with the storage
 * service, but every writer here honours the quota it recorded.
 */
export class ChunkStore {
  readonly path: string
  readonly sync: SyncPolicy
  private readonly readOnly: boolean
  private readonly now: () => number

  private constructor(
    readonly layout: StoreLayout,
    options: ChunkStoreOptions,
  ) {
    this.path = options.path
    this.sync = options.sync ?? 'durable'
    this.readOnly = options.readOnly ?? false
    this.now = options.now ?? Date.now
  }

  /** Opens the store, stamping the layout version on a new environment and refusing another one. */
  static async open(options: ChunkStoreOptions): Promise<ChunkStore> {
    const layout = openLayout(options)
    const found = layout.meta.get(LAYOUT_KEY)
    if (found === undefined && !options.readOnly) {
      await layout.env.childTransaction(() => {
        if (layout.meta.get(LAYOUT_KEY) === undefined) layout.meta.put(LAYOUT_KEY, LAYOUT_VERSION)
      })
    } else if (found !== undefined && found !== LAYOUT_VERSION) {
      await layout.env.close()
      throw new LayoutMismatchError(options.path, found, LAYOUT_VERSION)
    }
    return new ChunkStore(layout, options)
  }

  /**
   * Verifies and stores chunks in one transaction; resolves, once acknowledged per the sync
   * policy, with `true` for each chunk that was new. A bad chunk or the quota refuses the whole
   * batch (typed errors) and leaves the store as it was.
   *
   * Concurrent calls are group-committed: while one LMDB commit is in flight, the calls that
   * arrive queue up and go into the next commit together, so many small puts cost one fsync.
   */
  async putChunks(entries: readonly ChunkEntry[]): Promise<boolean[]> {
    // Hash before queueing: it is the CPU-heavy part and must not hold the write lock.
    await assertChunksBytes(entries)
    return this.enqueue(entries)
  }

  /**
   * Like {@link putChunks} for chunks already hashed by {@link verifyChunk}: no second SHA-256.
   * Anything that did not come from verifyChunk is refused (TypeError), whatever its shape.
   */
  async putVerifiedChunks(entries: readonly VerifiedChunk[]): Promise<boolean[]> {
    for (const entry of entries) {
      if (!isVerifiedChunk(entry)) throw new TypeError('putVerifiedChunks takes only chunks made by verifyChunk()')
    }
    return this.enqueue(entries)
  }

  private enqueue(entries: readonly ChunkEntry[]): Promise<boolean[]> {
    const keys = entries.map((entry) => cidKey(entry.cid))
    return new Promise<boolean[]>((resolve, reject) => {
      this.queue.push({ entries, keys, resolve, reject })
      void this.drain()
    })
  }

  private readonly queue: PendingPut[] = []
  private draining = false

  private async drain(): Promise<void> {
    if (this.draining) return
    this.draining = true
    try {
      while (this.queue.length > 0) {
        const group = this.queue.splice(0, this.queue.length)
        const nowSec = Math.floor(this.now() / 1000)
        let outcomes: (boolean[] | Error)[]
        try {
          outcomes = (await this.layout.env.childTransaction(() => group.map((put) => this.applyPut(put, nowSec)))) as (
            | boolean[]
            | Error
          )[]
        } catch (err) {
          quietCommitError(err)
          for (const put of group) put.reject(err)
          continue
        }
        // Do not wait for the fsync before committing the next group: LMDB flushes this commit
        // while the next one is built (overlapping sync); each group is answered once durable.
        this.acknowledged().then(
          () => {
            for (let i = 0; i < group.length; i++) {
              const outcome = outcomes[i]
              if (outcome instanceof Error) group[i].reject(outcome)
              else group[i].resolve(outcome)
            }
          },
          (err) => {
            for (const put of group) put.reject(err)
          },
        )
      }
    } finally {
      this.draining = false
    }
  }

  /**
   * One put inside the group's write transaction. Every check runs before the first write, so a
   * refused put (returned as its error) has written nothing.
   */
  private applyPut(put: PendingPut, nowSec: number): boolean[] | Error {
    const { chunks, info, meta } = this.layout
    const { entries, keys } = put
    const seen = new Set<string>()
    const result: boolean[] = []
    let newBytes = 0
    for (let i = 0; i < keys.length; i++) {
      const id = keys[i].toString('latin1')
      const isNew = !seen.has(id) && !chunks.doesExist(keys[i])
      seen.add(id)
      result.push(isNew)
      if (isNew) newBytes += entries[i].bytes.byteLength
    }
    if (newBytes === 0) return result
    const counters = readCounters(this.layout)
    const quota = readQuota(this.layout)
    const stored = counters.chunkBytes + counters.manifestBytes
    if (quota > 0 && stored + newBytes > quota) return new QuotaExceededError(quota, stored, newBytes)
    // All chunk bytes first, then their info records: interleaving the two databases' puts made
    // LMDB touch (and map into this process) far more of the data file, ~0.25 MiB resident per MiB
    // written instead of ~0.02 (measured, docs/storage.md#memory-of-a-writer).
    for (let i = 0; i < keys.length; i++) {
      if (result[i]) chunks.put(keys[i], asBuffer(entries[i].bytes))
    }
    for (let i = 0; i < keys.length; i++) {
      if (!result[i]) continue
      const size = entries[i].bytes.byteLength
      info.put(keys[i], [size, nowSec])
      counters.chunks += 1
      counters.chunkBytes += size
    }
    meta.put(COUNTERS_KEY, counters)
    return result
  }

  /** A chunk's bytes (a private copy), or undefined when it is not stored. */
  getChunk(cid: CID): Uint8Array | undefined {
    return this.layout.chunks.getBinary(cidKey(cid)) ?? undefined
  }

  /**
   * Calls `fn` with a view of the chunk's bytes in LMDB's shared read buffer, without copying, and
   * returns its result (undefined when the chunk is not stored). The view is valid only during the
   * synchronous call: `fn` must copy what it keeps (e.g. encode it into a message).
   */
  readChunk<T>(cid: CID, fn: (bytes: Uint8Array) => T): T | undefined {
    const bytes = this.layout.chunks.getBinaryFast(cidKey(cid))
    if (bytes == null) return undefined
    // lmdb-js reuses one buffer and overrides its `length` with the value's size; a real view of
    // exactly that many bytes keeps every consumer (Buffer.from, set, hashing) correct.
    return fn(Uint8Array.prototype.subarray.call(bytes, 0, bytes.length))
  }

  /** Whether the chunk is stored. */
  hasChunk(cid: CID): boolean {
    return this.layout.chunks.doesExist(cidKey(cid))
  }

  /** Presence of each CID, in order. */
  hasChunks(cids: readonly CID[]): boolean[] {
    return cids.map((cid) => this.layout.chunks.doesExist(cidKey(cid)))
  }

  /** A stored chunk's size in bytes, without reading it. */
  chunkSize(cid: CID): number | undefined {
    return this.layout.info.get(cidKey(cid))?.[0]
  }

  /** Store-wide counters (chunks, bytes, pins) as last committed. */
  counters(): StoreCounters {
    return readCounters(this.layout)
  }

  /** The quota recorded by the storage service, in bytes; 0 = unlimited. */
  quota(): number {
    return readQuota(this.layout)
  }

  /** Resolves when the writes so far are acknowledged per the sync policy. */
  async acknowledged(): Promise<void> {
    if (this.sync === 'durable') await this.layout.env.flushed
  }

  /** Validates a CID as a chunk address (throws InvalidChunkCidError). */
  static assertChunkCid(cid: CID): void {
    assertChunkCid(cid)
  }

  /**
   * Closes the environment. lmdb-js never settles the flush promise of a failed commit (disk full)
   * and its close() waits on it until a later commit succeeds, so a tiny commit goes first; if even
   * that fails, close gives up waiting after {@link CLOSE_AFTER_FAILURE_MS}.
   */
  async close(): Promise<void> {
    const { env, meta } = this.layout
    if (this.readOnly) return env.close()
    const settled = await env
      .childTransaction(() => meta.put(CLOSED_AT_KEY, this.now()))
      .then(
        () => true,
        (err) => {
          quietCommitError(err)
          return false
        },
      )
    if (settled) return env.close()
    let timer: NodeJS.Timeout | undefined
    await Promise.race([
      env.close(),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, CLOSE_AFTER_FAILURE_MS)
      }),
    ])
    clearTimeout(timer)
  }
}
