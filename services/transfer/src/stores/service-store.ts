import { ChunkStore, isVerifiedChunk, type VerifiedChunk } from '@netswarm/chunk-store'
import type { Logger } from '@netswarm/runtime'
import type { StorageClient } from '@netswarm/storage'
import { CID } from 'multiformats/cid'
import type { LocalStore } from '../ports.ts'

/**
 * The production LocalStore: manifests and pins through the storage service's gRPC API (it owns
 * them), chunk bytes through the shared LMDB environment (`@netswarm/chunk-store`, the measured
 * exception of DESIGN.md §1) when the storage service's directory is reachable from this process,
 * and through gRPC otherwise.
 */
export class ServiceStore implements LocalStore {
  readonly #client: StorageClient
  readonly #chunks: ChunkStore | undefined
  readonly #log: Logger

  private constructor(client: StorageClient, chunks: ChunkStore | undefined, log: Logger) {
    this.#client = client
    this.#chunks = chunks
    this.#log = log
  }

  /** Whether chunk bytes bypass gRPC. */
  get fastPath(): boolean {
    return this.#chunks !== undefined
  }

  /** Connects to the storage service and opens its LMDB environment when possible. */
  static async open(client: StorageClient, log: Logger, options: { fastPath?: boolean } = {}): Promise<ServiceStore> {
    await client.waitForReady(30_000)
    let chunks: ChunkStore | undefined
    if (options.fastPath ?? true) {
      try {
        const info = await client.storeInfo()
        // 'committed': a crash never loses an acknowledged chunk's consistency; an fsync per batch
        // would cap downloads at the disk's sync rate (the storage service decides durability of pins).
        chunks = await ChunkStore.open({ path: info.path, sync: 'committed' })
      } catch (err) {
        log.warn({ err }, 'LMDB fast path unavailable; chunk bytes go through the storage gRPC API')
      }
    }
    return new ServiceStore(client, chunks, log)
  }

  async hasChunks(cids: readonly CID[]): Promise<boolean[]> {
    if (this.#chunks) return this.#chunks.hasChunks(cids)
    return cids.length === 0 ? [] : this.#client.hasChunks(cids)
  }

  async getChunk(cid: CID): Promise<Uint8Array | undefined> {
    if (this.#chunks) return this.#chunks.getChunk(cid)
    for await (const c of this.#client.getChunks([cid])) return c.bytes
    return undefined
  }

  readChunk<T>(cid: CID, fn: (bytes: Uint8Array) => T): Promise<T | undefined> | undefined {
    // Without the fast path there is no zero-copy read: the caller falls back to getChunk.
    return this.#chunks ? Promise.resolve(this.#chunks.readChunk(cid, fn)) : undefined
  }

  async putChunks(entries: readonly { cid: CID; bytes: Uint8Array }[]): Promise<void> {
    if (entries.length === 0) return
    if (this.#chunks) {
      // Chunks a download already hashed (verifyChunk) skip the second SHA-256; anything else is verified here.
      if (entries.every(isVerifiedChunk)) await this.#chunks.putVerifiedChunks(entries as readonly VerifiedChunk[])
      else await this.#chunks.putChunks(entries)
      return
    }
    await this.#client.putChunks(entries)
  }

  async getManifest(cid: CID): Promise<Uint8Array | undefined> {
    try {
      return (await this.#client.getManifest(cid)).bytes
    } catch (err) {
      if ((err as { code?: string }).code === 'NOT_FOUND') return undefined
      throw err
    }
  }

  async putManifest(
    cid: CID,
    bytes: Uint8Array,
    options: { pin: boolean; allowMissingChunks: boolean },
  ): Promise<void> {
    await this.#client.putManifest(bytes, { cid, pin: options.pin, allowMissingChunks: options.allowMissingChunks })
  }

  async listPinned(): Promise<CID[]> {
    const out: CID[] = []
    let pageToken = ''
    do {
      const page = await this.#client.listPins({ pageSize: 500, pageToken })
      for (const f of page.files) out.push(CID.parse(f.cid))
      pageToken = page.nextPageToken
    } while (pageToken)
    return out
  }

  async close(): Promise<void> {
    try {
      await this.#chunks?.close()
    } catch (err) {
      this.#log.debug({ err }, 'closing the chunk store failed')
    }
    this.#client.close()
  }
}
