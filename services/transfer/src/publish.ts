import { buildManifest, type ChunkRef, chunkStream } from '@netswarm/content'
import type { Logger } from '@netswarm/runtime'
import type { CID } from 'multiformats/cid'
import type { ContentRouter, LocalStore } from './ports.ts'
import type { Replicator } from './replication/replicator.ts'

/** Chunks written per storage transaction while publishing. */
const PUBLISH_BATCH_CHUNKS = 16

export interface PublishOptions {
  name: string
  mediaType?: string
  /** Providers the file should have; 0 = the service default. */
  replicationFactor?: number
  /** Pin locally. @default true */
  pin?: boolean
  signal?: AbortSignal
}

export interface PublishResult {
  cid: CID
  size: number
  chunks: number
  /** The chunk CIDs, in file order. */
  chunkCids: CID[]
  /**
   * Replication runs in the background after publish returns; resolves with the peers that
   * confirmed they hold the file.
   */
  replication: Promise<string[]>
}

/**
 * Publishes a file: content-defined chunks are stored as they are produced (memory stays bounded
 * by the chunker's in-flight limit plus one batch), the manifest is stored and pinned, then
 * announced in the DHT. Announcement strategy (docs/transfer.md#announcements): only the manifest
 * CID is provided; a provider of a manifest serves all its chunks, so per-chunk records would
 * multiply DHT traffic by the chunk count for no routing benefit.
 */
export async function publishFile(
  components: { store: LocalStore; router: ContentRouter; replicator: Replicator; log: Logger },
  source: AsyncIterable<Uint8Array>,
  options: PublishOptions,
): Promise<PublishResult> {
  const refs: ChunkRef[] = []
  let batch: { cid: CID; bytes: Uint8Array }[] = []
  for await (const chunk of chunkStream(source, { signal: options.signal })) {
    refs.push({ cid: chunk.cid, size: chunk.bytes.length })
    batch.push({ cid: chunk.cid, bytes: chunk.bytes })
    if (batch.length >= PUBLISH_BATCH_CHUNKS) {
      await components.store.putChunks(batch)
      batch = []
    }
  }
  if (batch.length > 0) await components.store.putChunks(batch)
  // Nothing is announced or pinned for a cut-off source (its chunks stay unpinned for GC).
  options.signal?.throwIfAborted()
  const { manifest, bytes, cid } = buildManifest({ name: options.name, mediaType: options.mediaType, chunks: refs })
  await components.store.putManifest(cid, bytes, { pin: options.pin ?? true, allowMissingChunks: false })
  try {
    await components.router.provide(cid, { signal: options.signal })
  } catch (err) {
    components.log.warn({ err, cid: cid.toString() }, 'announcing the file failed; the repair loop will retry')
  }
  const factor = options.replicationFactor ?? 0
  const replication =
    factor > 1 ? components.replicator.ensureReplicas(cid, factor).then((r) => r.requested) : Promise.resolve([])
  replication.catch((err) => components.log.warn({ err, cid: cid.toString() }, 'replication after publish failed'))
  return { cid, size: manifest.size, chunks: refs.length, chunkCids: refs.map((r) => r.cid), replication }
}
