import {
  type ChunkEntry,
  ChunkStore,
  COUNTERS_KEY,
  cidKey,
  LAYOUT_VERSION,
  QUOTA_KEY,
  QuotaExceededError,
  type StoreCounters,
  type SyncPolicy,
} from '@netswarm/chunk-store'
import type { CID } from '@netswarm/content'
import { ChunkPinnedError } from '../errors.ts'
import { type ByteRange, readFileRange } from './file-reader.ts'
import { GarbageCollector, type GcResult } from './gc.ts'
import { type FileInfo, type FilePage, ManifestCatalog, type PutManifestOptions } from './manifests.ts'

/** Options of {@link Storage.open}. */
export interface StorageOptions {
  /** LMDB environment directory. */
  path: string
  /** @default 'durable' */
  sync?: SyncPolicy
  /** Byte limit of chunk plus manifest data; 0 = unlimited. @default 0 */
  quotaBytes?: number
  /** GC: entries per transaction. @default 256 */
  gcBatchSize?: number
  /** GC: keep unreferenced data younger than this. @default 300_000 */
  gcGraceMs?: number
  now?: () => number
}

/** Stats for the console and metrics. */
export interface StorageStats extends StoreCounters {
  /** Chunk plus manifest bytes. */
  bytesStored: number
  quotaBytes: number
}

/**
 * The peer's storage: chunks (via the shared {@link ChunkStore}), manifests, pins, GC and quota,
 * all in one LMDB environment. The gRPC server maps onto this; tests use it directly too.
 */
export class Storage {
  readonly manifests: ManifestCatalog
  readonly gc: GarbageCollector

  private constructor(
    readonly chunks: ChunkStore,
    options: StorageOptions,
  ) {
    const now = options.now ?? Date.now
    this.manifests = new ManifestCatalog(chunks.layout, now)
    this.gc = new GarbageCollector(chunks.layout, {
      batchSize: options.gcBatchSize,
      graceMs: options.gcGraceMs,
      now,
    })
  }

  /** Opens the environment and records the quota so every writer (also the fast path) honours it. */
  static async open(options: StorageOptions): Promise<Storage> {
    const chunks = await ChunkStore.open({ path: options.path, sync: options.sync, now: options.now })
    const quota = options.quotaBytes ?? 0
    if (chunks.quota() !== quota) {
      await chunks.layout.env.childTransaction(() => {
        chunks.layout.meta.put(QUOTA_KEY, quota)
      })
    }
    return new Storage(chunks, options)
  }

  /** On-disk layout version (for the fast path's compatibility check). */
  get layoutVersion(): number {
    return LAYOUT_VERSION
  }

  get path(): string {
    return this.chunks.path
  }

  /**
   * Verifies and stores chunks in one transaction; `true` per new chunk. Past the quota, GC runs
   * once and the put is retried before RESOURCE_EXHAUSTED is returned.
   */
  async putChunks(entries: readonly ChunkEntry[]): Promise<boolean[]> {
    return this.withGcOnQuota(() => this.chunks.putChunks(entries))
  }

  getChunk(cid: CID): Uint8Array | undefined {
    return this.chunks.getChunk(cid)
  }

  hasChunks(cids: readonly CID[]): boolean[] {
    return this.chunks.hasChunks(cids)
  }

  /** Deletes unpinned chunks; refuses (and deletes none) if any is used by a pinned file. */
  async deleteChunks(cids: readonly CID[]): Promise<number> {
    const { layout } = this.chunks
    const deleted = await layout.env.childTransaction(() => {
      for (const cid of cids) if ((layout.refs.get(cidKey(cid)) ?? 0) > 0) throw new ChunkPinnedError(cid.toString())
      const counters = this.chunks.counters()
      let count = 0
      for (const cid of cids) {
        const key = cidKey(cid)
        const info = layout.info.get(key)
        if (!info || !layout.chunks.doesExist(key)) continue
        layout.chunks.remove(key)
        layout.info.remove(key)
        counters.chunks -= 1
        counters.chunkBytes -= info[0]
        count += 1
      }
      if (count > 0) layout.meta.put(COUNTERS_KEY, counters)
      return count
    })
    await this.chunks.acknowledged()
    return deleted as number
  }

  async putManifest(bytes: Uint8Array, options: PutManifestOptions = {}): Promise<{ cid: CID; created: boolean }> {
    const result = await this.withGcOnQuota(() => this.manifests.put(bytes, options))
    await this.chunks.acknowledged()
    return result
  }

  /** The manifest's bytes and summary (no decoding: callers that need the chunks decode it). */
  getManifest(cid: CID): { bytes: Uint8Array; info: FileInfo } {
    const bytes = this.manifests.getBytes(cid)
    return { bytes, info: this.manifests.summary(cid) }
  }

  /** A file's bytes in order, or a byte range of it. */
  readFile(cid: CID, range: ByteRange = {}, options: { signal?: AbortSignal } = {}): AsyncGenerator<Uint8Array> {
    return readFileRange(this.chunks, this.manifests.get(cid), range, options)
  }

  async pin(cid: CID): Promise<{ changed: boolean; pinnedBytes: number }> {
    const result = await this.manifests.pin(cid)
    await this.chunks.acknowledged()
    return result
  }

  async unpin(cid: CID): Promise<{ changed: boolean; pinnedBytes: number }> {
    const result = await this.manifests.unpin(cid)
    await this.chunks.acknowledged()
    return result
  }

  listFiles(pageSize?: number, pageToken?: string): FilePage {
    return this.manifests.list('files', pageSize, pageToken)
  }

  listPins(pageSize?: number, pageToken?: string): FilePage {
    return this.manifests.list('pins', pageSize, pageToken)
  }

  async collectGarbage(options: { signal?: AbortSignal } = {}): Promise<GcResult> {
    const result = await this.gc.collect(options)
    await this.chunks.acknowledged()
    return result
  }

  stats(): StorageStats {
    const counters = this.chunks.counters()
    return {
      ...counters,
      bytesStored: counters.chunkBytes + counters.manifestBytes,
      quotaBytes: this.chunks.quota(),
    }
  }

  async close(): Promise<void> {
    await this.chunks.close()
  }

  private async withGcOnQuota<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write()
    } catch (err) {
      if (!(err instanceof QuotaExceededError)) throw err
      const freed = await this.gc.collect()
      if (freed.bytesRemoved === 0) throw err
      return await write()
    }
  }
}
