import type { CID } from 'multiformats/cid'

/**
 * What the transfer engine needs from the rest of the peer, as interfaces, so the engine runs on
 * the real storage and DHT services in production and on in-memory fakes in tests.
 */

/** The peer's local content store (storage service + LMDB fast path in production). */
export interface LocalStore {
  /** Presence of each chunk, in order. */
  hasChunks(cids: readonly CID[]): Promise<boolean[]>
  /** A chunk's bytes, or undefined when absent. */
  getChunk(cid: CID): Promise<Uint8Array | undefined>
  /**
   * Optional zero-copy read: calls `fn` synchronously with a view of the chunk's bytes that is valid
   * only during the call (undefined result when the chunk is absent). Returns undefined, instead of a
   * promise, when this store cannot read without copying; callers then use getChunk.
   */
  readChunk?<T>(cid: CID, fn: (bytes: Uint8Array) => T): Promise<T | undefined> | undefined
  /**
   * Stores chunks the caller has already verified against their CIDs. Entries made by
   * `verifyChunk` (`@netswarm/chunk-store`) are not hashed again; others may be.
   */
  putChunks(entries: readonly { cid: CID; bytes: Uint8Array }[]): Promise<void>
  /** A manifest's encoded bytes, or undefined when absent. */
  getManifest(cid: CID): Promise<Uint8Array | undefined>
  /**
   * Stores a verified manifest. `allowMissingChunks` lets a download record (and pin) its manifest
   * before the chunks arrive, which is what makes a restarted download resumable.
   */
  putManifest(cid: CID, bytes: Uint8Array, options: { pin: boolean; allowMissingChunks: boolean }): Promise<void>
  /** Files pinned on this peer (the ones replication and repair look after). */
  listPinned(): Promise<CID[]>
  close(): Promise<void>
}

/** A peer that can serve content: its ID and the `host:port` addresses of its transfer listener. */
export interface ProviderInfo {
  peerId: string
  addresses: string[]
}

/** Content routing (the DHT service in production). */
export interface ContentRouter {
  /** Providers of a CID, as the lookup finds them. */
  findProviders(cid: CID, options?: { signal?: AbortSignal; limit?: number }): AsyncIterable<ProviderInfo>
  /** Announces that this peer holds `cid`; resolves with how many peers stored the record. */
  provide(cid: CID, options?: { signal?: AbortSignal }): Promise<number>
  /** Peers closest to `cid` in the key space (candidates for replicas), this peer excluded. */
  closestPeers(cid: CID, count: number, options?: { signal?: AbortSignal }): Promise<ProviderInfo[]>
}
