import { type Database, open, type RootDatabase } from 'lmdb'

/**
 * The on-disk layout of a peer's LMDB environment, shared by the storage service (owner of pins,
 * GC and quota) and the transfer service's direct path. Bump on any incompatible change.
 */
export const LAYOUT_VERSION = 1

/** Key of the counters record in the `meta` database. */
export const COUNTERS_KEY = 'counters'
/** Key of the quota (bytes, 0 = unlimited) in the `meta` database; written by the storage service. */
export const QUOTA_KEY = 'quota'
/** Key of the layout version in the `meta` database. */
export const LAYOUT_KEY = 'layout'

/**
 * When a write is acknowledged.
 * - `durable`: after the commit is fsynced (survives power loss). Default.
 * - `committed`: after the commit is visible; survives a process crash (SIGKILL), a power loss may
 *   undo the last commits but never leaves a torn store (LMDB's overlapping-sync meta pages).
 * - `none`: LMDB never fsyncs (the OS writes back when it likes); same crash guarantees as
 *   `committed` for a process crash, no promise at all for a power loss.
 */
export type SyncPolicy = 'durable' | 'committed' | 'none'

/** Store-wide counters, updated in the same transaction as the data they count. */
export interface StoreCounters {
  /** Chunks stored. */
  chunks: number
  /** Bytes of chunk data stored. */
  chunkBytes: number
  /** Manifests stored. */
  manifests: number
  /** Bytes of manifest data stored. */
  manifestBytes: number
  /** Files pinned. */
  pins: number
  /** Bytes of the distinct chunks referenced by pinned files (a shared chunk counts once). */
  pinnedBytes: number
}

export const EMPTY_COUNTERS: StoreCounters = {
  chunks: 0,
  chunkBytes: 0,
  manifests: 0,
  manifestBytes: 0,
  pins: 0,
  pinnedBytes: 0,
}

/** What each chunk's `info` record holds: its size and when it was stored (seconds since epoch). */
export type ChunkInfo = [size: number, storedAtSec: number]

/**
 * A manifest's `info` record: the same two fields first (GC reads only those), then a summary of
 * the file so listings never decode manifests (a 1 GiB file's manifest takes ~200 ms to decode).
 */
export type ManifestInfo = [
  size: number,
  storedAtSec: number,
  name: string,
  fileSize: number,
  mediaType: string,
  chunkCount: number,
]

/** Pin record: when the file was pinned (ms since epoch). */
export interface PinRecord {
  pinnedAt: number
}

/**
 * The named databases of the environment. Every key is a CID's binary form.
 * - `chunks`: raw chunk bytes.
 * - `info`: {@link ChunkInfo} per stored chunk and {@link ManifestInfo} per manifest (so GC, stats
 *   and listings never read chunk or manifest bytes).
 * - `refs`: how many pinned files use a chunk (absent = 0). Kept for chunks not stored yet too,
 *   so a file pinned before its download completes protects the chunks as they arrive.
 * - `manifests`: manifest bytes (dag-cbor), keyed by manifest CID.
 * - `pins`: {@link PinRecord} per pinned manifest CID.
 * - `meta`: counters, quota, layout version.
 */
export interface StoreLayout {
  env: RootDatabase
  chunks: Database<Buffer, Buffer>
  info: Database<ChunkInfo | ManifestInfo, Buffer>
  refs: Database<number, Buffer>
  manifests: Database<Buffer, Buffer>
  pins: Database<PinRecord, Buffer>
  meta: Database<unknown, string>
}

/** Options for opening the environment. */
export interface OpenLayoutOptions {
  /** Directory of the LMDB environment (created if missing). */
  path: string
  /** @default 'durable' */
  sync?: SyncPolicy
  /** Open without writing (no layout stamp). @default false */
  readOnly?: boolean
}

/**
 * Opens (creating if needed) the environment at `path`. Safe to call from several processes on the
 * same directory: LMDB serialises writers with a lock in the environment and readers never block.
 */
export function openLayout(options: OpenLayoutOptions): StoreLayout {
  const sync = options.sync ?? 'durable'
  const env = open({
    path: options.path,
    maxDbs: 16,
    // Chunks are read whole and rarely twice in a row; a JS-side cache would only hold memory.
    cache: false,
    noSync: sync === 'none',
    readOnly: options.readOnly ?? false,
  })
  const binary = { encoding: 'binary', keyEncoding: 'binary' } as const
  const layout: StoreLayout = {
    env,
    chunks: env.openDB<Buffer, Buffer>('chunks', binary),
    info: env.openDB<ChunkInfo | ManifestInfo, Buffer>('info', { keyEncoding: 'binary' }),
    refs: env.openDB<number, Buffer>('refs', { keyEncoding: 'binary' }),
    manifests: env.openDB<Buffer, Buffer>('manifests', binary),
    pins: env.openDB<PinRecord, Buffer>('pins', { keyEncoding: 'binary' }),
    meta: env.openDB<unknown, string>('meta', {}),
  }
  return layout
}

/** Reads the counters inside or outside a transaction. */
export function readCounters(layout: StoreLayout): StoreCounters {
  const stored = layout.meta.get(COUNTERS_KEY) as Partial<StoreCounters> | undefined
  return { ...EMPTY_COUNTERS, ...stored }
}

/** Reads the quota in bytes; 0 means unlimited. */
export function readQuota(layout: StoreLayout): number {
  const quota = layout.meta.get(QUOTA_KEY)
  return typeof quota === 'number' ? quota : 0
}
