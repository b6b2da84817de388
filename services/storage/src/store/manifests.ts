import {
  COUNTERS_KEY,
  cidKey,
  type ManifestInfo,
  QuotaExceededError,
  readCounters,
  readQuota,
  type StoreLayout,
} from '@netswarm/chunk-store'
import { CID, decodeManifest, isManifestCid, type Manifest, manifestCid } from '@netswarm/content'
import { InvalidArgumentError } from '@netswarm/runtime'
import { ManifestNotFoundError, MissingChunksError } from '../errors.ts'
import { pinInTxn, unpinInTxn } from './pins.ts'

/** Options of {@link ManifestCatalog.put}. */
export interface PutManifestOptions {
  /** When given, must equal the CID computed from the bytes. */
  expectedCid?: CID
  /** Pin in the same transaction. @default false */
  pin?: boolean
  /** Accept chunks that are not stored yet. @default false */
  allowMissingChunks?: boolean
}

/** What listings and GetManifest say about a file. */
export interface FileInfo {
  cid: string
  name: string
  size: number
  mediaType: string
  chunkCount: number
  pinned: boolean
}

/** A page of a listing. */
export interface FilePage {
  files: FileInfo[]
  /** Empty on the last page. */
  nextPageToken: string
}

export const DEFAULT_PAGE_SIZE = 100
export const MAX_PAGE_SIZE = 1000
/** How many missing chunk CIDs an error names at most. */
const MISSING_REPORTED = 8

/** Decoded manifests kept in memory (immutable, so never stale; decoding a big one costs ~200 ms). */
const DECODED_CACHE_ENTRIES = 32

/** Manifests and pins in the LMDB layout. */
export class ManifestCatalog {
  private readonly decoded = new Map<string, Manifest>()

  constructor(
    private readonly layout: StoreLayout,
    private readonly now: () => number,
  ) {}

  /**
   * Parses, checks and stores a manifest (optionally pinning it) in one transaction. Refuses a
   * manifest that does not parse, a CID mismatch, missing chunks and a full quota; nothing changes then.
   */
  async put(bytes: Uint8Array, options: PutManifestOptions = {}): Promise<{ cid: CID; created: boolean }> {
    const manifest = decodeManifest(bytes)
    const cid = manifestCid(bytes)
    if (options.expectedCid && !options.expectedCid.equals(cid)) {
      throw new InvalidArgumentError(`manifest bytes hash to ${cid}, not ${options.expectedCid}`)
    }
    const key = cidKey(cid)
    const { layout } = this
    const nowMs = this.now()
    const created = await layout.env.childTransaction(() => {
      if (!options.allowMissingChunks) {
        const missing: string[] = []
        let count = 0
        for (const chunk of manifest.chunks) {
          if (layout.chunks.doesExist(cidKey(chunk.cid))) continue
          count += 1
          if (missing.length < MISSING_REPORTED) missing.push(chunk.cid.toString())
        }
        if (count > 0) throw new MissingChunksError(missing, manifest.chunks.length)
      }
      const counters = readCounters(layout)
      const exists = layout.manifests.doesExist(key)
      if (!exists) {
        const quota = readQuota(layout)
        const stored = counters.chunkBytes + counters.manifestBytes
        if (quota > 0 && stored + bytes.byteLength > quota)
          throw new QuotaExceededError(quota, stored, bytes.byteLength)
        layout.manifests.put(key, Buffer.from(bytes))
        const summary: ManifestInfo = [
          bytes.byteLength,
          Math.floor(nowMs / 1000),
          manifest.name,
          manifest.size,
          manifest.mediaType,
          manifest.chunks.length,
        ]
        layout.info.put(key, summary)
        counters.manifests += 1
        counters.manifestBytes += bytes.byteLength
        layout.meta.put(COUNTERS_KEY, counters)
      }
      if (options.pin) pinInTxn(layout, key, manifest, counters, nowMs)
      return !exists
    })
    this.remember(cid.toString(), manifest)
    return { cid, created: created as boolean }
  }

  /** The manifest's bytes; throws ManifestNotFoundError. */
  getBytes(cid: CID): Uint8Array {
    assertManifestCid(cid)
    const bytes = this.layout.manifests.getBinary(cidKey(cid))
    if (!bytes) throw new ManifestNotFoundError(cid.toString())
    return bytes
  }

  /** The decoded manifest (from a small LRU cache when possible); throws ManifestNotFoundError. */
  get(cid: CID): Manifest {
    assertManifestCid(cid)
    const id = cid.toString()
    const cached = this.decoded.get(id)
    if (cached && this.layout.manifests.doesExist(cidKey(cid))) {
      this.decoded.delete(id)
      this.decoded.set(id, cached)
      return cached
    }
    const manifest = decodeManifest(this.getBytes(cid))
    this.remember(id, manifest)
    return manifest
  }

  private remember(id: string, manifest: Manifest): void {
    this.decoded.delete(id)
    this.decoded.set(id, manifest)
    if (this.decoded.size > DECODED_CACHE_ENTRIES) this.decoded.delete(this.decoded.keys().next().value as string)
  }

  /** A stored file's summary without decoding its manifest; throws ManifestNotFoundError. */
  summary(cid: CID): FileInfo {
    assertManifestCid(cid)
    const key = cidKey(cid)
    const entry = this.layout.info.get(key)
    if (entry && entry.length === 6 && this.layout.manifests.doesExist(key)) {
      const [, , name, size, mediaType, chunkCount] = entry as ManifestInfo
      return { cid: cid.toString(), name, size, mediaType, chunkCount, pinned: this.isPinned(cid) }
    }
    return this.info(cid, this.get(cid))
  }

  isPinned(cid: CID): boolean {
    return this.layout.pins.doesExist(cidKey(cid))
  }

  info(cid: CID, manifest: Manifest): FileInfo {
    return {
      cid: cid.toString(),
      name: manifest.name,
      size: manifest.size,
      mediaType: manifest.mediaType,
      chunkCount: manifest.chunks.length,
      pinned: this.isPinned(cid),
    }
  }

  /** Pins a stored file and all its chunks; idempotent. */
  async pin(cid: CID): Promise<{ changed: boolean; pinnedBytes: number }> {
    const manifest = this.get(cid)
    const key = cidKey(cid)
    const nowMs = this.now()
    const changed = await this.layout.env.childTransaction(() => {
      // GC may have removed the manifest since it was read: re-check inside the transaction.
      if (!this.layout.manifests.doesExist(key)) throw new ManifestNotFoundError(cid.toString())
      return pinInTxn(this.layout, key, manifest, readCounters(this.layout), nowMs)
    })
    return { changed: changed as boolean, pinnedBytes: readCounters(this.layout).pinnedBytes }
  }

  /** Unpins a file; its data stays until garbage collection. Idempotent. */
  async unpin(cid: CID): Promise<{ changed: boolean; pinnedBytes: number }> {
    assertManifestCid(cid)
    const key = cidKey(cid)
    if (!this.layout.pins.doesExist(key)) return { changed: false, pinnedBytes: readCounters(this.layout).pinnedBytes }
    // A pinned manifest is never collected, so it is still there.
    const manifest = this.get(cid)
    const changed = await this.layout.env.childTransaction(() =>
      unpinInTxn(this.layout, key, manifest, readCounters(this.layout)),
    )
    return { changed: changed as boolean, pinnedBytes: readCounters(this.layout).pinnedBytes }
  }

  /** A page of stored manifests (`which: 'files'`) or of pinned ones (`'pins'`), in CID byte order. */
  list(which: 'files' | 'pins', pageSize = DEFAULT_PAGE_SIZE, pageToken = ''): FilePage {
    const size = Math.min(Math.max(pageSize || DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE)
    const db = which === 'pins' ? this.layout.pins : this.layout.manifests
    const after = pageToken ? cidKey(parsePageToken(pageToken)) : undefined
    const files: FileInfo[] = []
    let more = false
    for (const key of db.getKeys(after ? { start: after } : {})) {
      if (after?.equals(key)) continue
      if (files.length === size) {
        more = true
        break
      }
      if (!this.layout.manifests.doesExist(key)) continue
      files.push(this.summary(CID.decode(key)))
    }
    return { files, nextPageToken: more ? files[files.length - 1].cid : '' }
  }
}

function assertManifestCid(cid: CID): void {
  if (!isManifestCid(cid)) throw new InvalidArgumentError(`${cid} is not a manifest CID (dag-cbor sha2-256)`)
}

function parsePageToken(token: string): CID {
  try {
    return CID.parse(token)
  } catch (cause) {
    throw new InvalidArgumentError('invalid page token: pass next_page_token from the previous page', { cause })
  }
}
