import { parseManifestCid } from '@netswarm/content'
import type { DhtClient } from '@netswarm/dht'
import { NotFoundError } from '@netswarm/runtime'
import type { StorageClient } from '@netswarm/storage'
import type { GatewayBackend } from '../backend.ts'
import { type ContentTree, storageFolderSource, walkContentTree } from './tree.ts'

/** Largest version log this gateway reads (about 500 000 versions). */
const MAX_LOG_BYTES = 64 * 1024 * 1024
/** Pins and provider announcements in flight while keeping a version. */
const KEEP_CONCURRENCY = 8

/** What the name service needs from storage, transfer and the DHT. */
export interface NameContent {
  /** Manifests and chunks of a version's content, if this peer holds all its manifests; else undefined. */
  tree(cid: string, signal?: AbortSignal): Promise<ContentTree | undefined>
  /** Pins every manifest of a tree and announces it in the DHT, so any peer can fetch any file of it. */
  keep(tree: ContentTree): Promise<void>
  /** Unpins manifests (their chunks go at the next garbage collection unless pinned by another). */
  release(manifests: Iterable<string>): Promise<number>
  /** Stores, pins and announces a version log; its file CID. */
  publishLog(bytes: Uint8Array, fileName: string, mediaType: string): Promise<string>
  /** Reads a version log from this peer or the swarm. */
  readLog(cid: string, options: { signal?: AbortSignal; timeoutMs: number }): Promise<Uint8Array>
}

async function eachLimited<T>(items: Iterable<T>, limit: number, run: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items]
  const workers = Array.from({ length: Math.min(limit, queue.length) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await run(item)
  })
  await Promise.all(workers)
}

function isNotFound(err: unknown): boolean {
  return err instanceof NotFoundError || (err as { code?: string }).code === 'NOT_FOUND'
}

/** NameContent over this peer's storage and DHT services and the gateway's transfer backend. */
export function serviceNameContent(storage: StorageClient, dht: DhtClient, backend: GatewayBackend): NameContent {
  const source = storageFolderSource(storage)
  return {
    async tree(cid, signal) {
      try {
        return await walkContentTree(source, parseManifestCid(cid), signal)
      } catch (err) {
        if (isNotFound(err)) return undefined
        throw err
      }
    },
    async keep(tree) {
      await eachLimited(tree.manifests, KEEP_CONCURRENCY, async (cid) => {
        await storage.pin(cid)
        // A provider of a manifest serves its chunks; the DHT service republishes the record.
        await dht.provide(cid).catch(() => 0)
      })
    },
    async release(manifests) {
      let released = 0
      await eachLimited(manifests, KEEP_CONCURRENCY, async (cid) => {
        const { changed } = await storage.unpin(cid).catch((err) => {
          if (isNotFound(err)) return { changed: false }
          throw err
        })
        if (changed) released += 1
      })
      return released
    },
    async publishLog(bytes, fileName, mediaType) {
      const result = await backend.transfer.publish(
        (async function* () {
          yield bytes
        })(),
        { name: fileName, mediaType },
      )
      return result.cid
    },
    async readLog(cid, options) {
      const body = await backend.transfer.readFile(cid, { offset: 0, length: 0 }, options)
      if (body.info.size > MAX_LOG_BYTES)
        throw new NotFoundError(`version log ${cid} is larger than ${MAX_LOG_BYTES} bytes`)
      const parts: Uint8Array[] = []
      for await (const part of body.data) parts.push(part)
      return new Uint8Array(Buffer.concat(parts))
    },
  }
}
