import type { ChunkSink, CID } from '@netswarm/content'
import type { ApiClient } from '../api-client.ts'

/** Chunks asked about in one has-chunks call, and bytes held before asking. */
const BATCH_CHUNKS = 128
const BATCH_BYTES = 32 * 1024 * 1024
/** Most CIDs one has-chunks call may carry (the gateway's MAX_HAS_CIDS). */
export const HAS_BATCH = 4096
/** Chunk uploads in flight. */
const UPLOAD_CONCURRENCY = 4

/** What an upload sink did (bytes are payload bytes, without HTTP framing). */
export interface UploadStats {
  chunksSent: number
  chunksSkipped: number
  bytesSent: number
  bytesSkipped: number
  manifestsSent: number
  manifestsSkipped: number
}

/** Events for scripts and tests (`--events`): one per chunk or manifest actually sent. */
export type UploadEvent = { event: 'chunk' | 'manifest'; cid: string; bytes: number }

/**
 * A ChunkSink that uploads through the gateway only what the peer does not hold yet: chunks are
 * collected in batches, the gateway says which it has (`POST /api/v1/chunks/has`), and only the
 * missing ones are sent (`PUT /api/v1/chunks/<cid>`). A manifest is sent after its chunks, and
 * only when the peer lacks it. Everything sent is stored at once, so a rerun after a crash
 * re-sends nothing already stored.
 */
export class UploadSink implements ChunkSink {
  readonly stats: UploadStats = {
    chunksSent: 0,
    chunksSkipped: 0,
    bytesSent: 0,
    bytesSkipped: 0,
    manifestsSent: 0,
    manifestsSkipped: 0,
  }
  private pending: { cid: string; bytes: Uint8Array }[] = []
  private pendingBytes = 0
  /** Chunks known stored on the peer during this run (repeated chunks are asked about once). */
  private readonly stored = new Set<string>()

  constructor(
    private readonly api: ApiClient,
    private readonly onEvent: (event: UploadEvent) => void = () => {},
  ) {}

  async putChunk(cid: CID, bytes: Uint8Array): Promise<void> {
    const key = cid.toString()
    if (this.stored.has(key) || this.pending.some((p) => p.cid === key)) {
      this.stats.chunksSkipped += 1
      this.stats.bytesSkipped += bytes.length
      return
    }
    // The chunker may reuse `bytes` once this returns: keep a copy until the batch is sent.
    this.pending.push({ cid: key, bytes: Uint8Array.from(bytes) })
    this.pendingBytes += bytes.length
    if (this.pending.length >= BATCH_CHUNKS || this.pendingBytes >= BATCH_BYTES) await this.flush()
  }

  async putManifest(cid: CID, bytes: Uint8Array): Promise<void> {
    await this.flush()
    const key = cid.toString()
    const [present] = await this.has([key])
    if (present) {
      this.stats.manifestsSkipped += 1
      return
    }
    await this.api.request(`/api/v1/manifests/${key}`, {
      method: 'PUT',
      auth: true,
      headers: { 'content-type': 'application/vnd.ipld.dag-cbor' },
      body: Buffer.from(bytes),
    })
    this.stats.manifestsSent += 1
    this.stats.bytesSent += bytes.length
    this.onEvent({ event: 'manifest', cid: key, bytes: bytes.length })
  }

  /** Sends the chunks of the current batch that the peer lacks. */
  async flush(): Promise<void> {
    const batch = this.pending
    this.pending = []
    this.pendingBytes = 0
    if (batch.length === 0) return
    const present = await this.has(batch.map((p) => p.cid))
    const missing = batch.filter((p, i) => {
      if (!present[i]) return true
      this.stored.add(p.cid)
      this.stats.chunksSkipped += 1
      this.stats.bytesSkipped += p.bytes.length
      return false
    })
    const queue = [...missing]
    const worker = async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
        await this.api.request(`/api/v1/chunks/${item.cid}`, {
          method: 'PUT',
          auth: true,
          headers: { 'content-type': 'application/octet-stream' },
          body: Buffer.from(item.bytes.buffer, item.bytes.byteOffset, item.bytes.byteLength),
        })
        this.stored.add(item.cid)
        this.stats.chunksSent += 1
        this.stats.bytesSent += item.bytes.length
        this.onEvent({ event: 'chunk', cid: item.cid, bytes: item.bytes.length })
      }
    }
    await Promise.all(Array.from({ length: Math.min(UPLOAD_CONCURRENCY, missing.length) }, worker))
  }

  /** present[i]: whether the peer holds cids[i] (a chunk or a manifest); at most HAS_BATCH at once. */
  async has(cids: string[]): Promise<boolean[]> {
    const { present } = await this.api.json<{ present: boolean[] }>('/api/v1/chunks/has', {
      method: 'POST',
      auth: true,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ cids }),
    })
    return present
  }
}
