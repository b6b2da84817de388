import { buildManifest, chunkStream } from '@netswarm/content'
import { NotFoundError } from '@netswarm/runtime'
import type { FileBody, GatewayBackend, PublishResult, StoredFile, TransferSummary } from '../../src/backend.ts'

interface StoredEntry {
  file: StoredFile
  manifestBytes: Uint8Array
  chunks: { cid: string; bytes: Uint8Array }[]
}

/**
 * An in-memory GatewayBackend for HTTP-level tests: real chunking and manifest CIDs, no swarm.
 * `publishes` records how every publish ended, so tests can await the backend's view of an
 * aborted upload instead of sleeping. `gate`, when set, holds reads after their first chunk.
 */
export class MemoryBackend implements GatewayBackend {
  readonly files = new Map<string, StoredEntry>()
  readonly publishes: Promise<'stored' | 'cancelled'>[] = []
  /** When set, readFile yields one chunk, then waits for this promise before the rest. */
  gate: Promise<void> | undefined
  /** Called when a gated read has yielded its first chunk. */
  onFirstChunk: (() => void) | undefined
  readyValue = true
  transfers: TransferSummary[] = []

  readonly storage: GatewayBackend['storage'] = {
    stats: async () => {
      let bytes = 0
      let pinned = 0
      for (const f of this.files.values()) {
        bytes += f.file.size
        if (f.file.pinned) pinned += f.file.size
      }
      return { bytesStored: bytes, chunksStored: 0, pinnedBytes: pinned, quotaBytes: 0, files: this.files.size }
    },
    listFiles: async ({ cursor, limit }) => {
      const all = [...this.files.values()].map((f) => f.file).sort((a, b) => a.cid.localeCompare(b.cid))
      const start = cursor ? all.findIndex((f) => f.cid > cursor) : 0
      const files = start < 0 ? [] : all.slice(start, start + limit)
      const more = start >= 0 && start + limit < all.length
      return { files, nextCursor: more ? files[files.length - 1].cid : undefined }
    },
    getFile: async (cid) => {
      const entry = this.entry(cid)
      let offset = 0
      return {
        file: entry.file,
        manifest: {
          cid,
          name: entry.file.name,
          mediaType: entry.file.mediaType,
          size: entry.file.size,
          merkleRoot: '',
          chunks: entry.chunks.map((c) => {
            const ref = { cid: c.cid, size: c.bytes.byteLength, offset }
            offset += c.bytes.byteLength
            return ref
          }),
        },
      }
    },
    manifestBytes: async (cid) => this.entry(cid).manifestBytes,
    pin: async (cid) => {
      this.entry(cid).file.pinned = true
    },
    unpin: async (cid) => {
      this.entry(cid).file.pinned = false
    },
  }

  readonly transfer: GatewayBackend['transfer'] = {
    publish: (source, header, options = {}) => {
      const result = this.doPublish(source, header, options.signal)
      this.publishes.push(
        result.then(
          () => 'stored' as const,
          () => 'cancelled' as const,
        ),
      )
      return result
    },
    readFile: async (cid, range) => this.read(cid, range),
    stat: async (cid) => this.read(cid, { offset: 0, length: 0 }).info,
    fetch: async function* () {},
    replicate: async (cid) => {
      this.entry(cid)
      return { holders: ['self'] }
    },
    listTransfers: async () => this.transfers,
    peerStats: async () => ({ peers: [], uploadSlots: 4, uploadSlotsBusy: 0 }),
  }

  readonly dht: GatewayBackend['dht'] = {
    findProviders: async function* () {},
    routingTable: async () => ({ selfPeerId: 'self', contacts: [], replacements: 0 }),
    stats: async () => ({
      routingTableSize: 0,
      lookupsTotal: 0,
      lookupsFailedTotal: 0,
      providerRecords: 0,
      providedKeys: 0,
    }),
  }

  async ready(): Promise<boolean> {
    return this.readyValue
  }

  close(): void {}

  private entry(cid: string): StoredEntry {
    const entry = this.files.get(cid)
    if (!entry) throw new NotFoundError(`${cid} not found`)
    return entry
  }

  private async doPublish(
    source: AsyncIterable<Uint8Array>,
    header: { name: string; mediaType: string },
    signal?: AbortSignal,
  ): Promise<PublishResult> {
    const chunks: { cid: string; bytes: Uint8Array }[] = []
    const refs = []
    // Copies: chunks may be views of request buffers that node reuses.
    for await (const chunk of chunkStream(copies(source), { signal })) {
      chunks.push({ cid: chunk.cid.toString(), bytes: chunk.bytes })
      refs.push({ cid: chunk.cid, size: chunk.bytes.byteLength })
    }
    signal?.throwIfAborted()
    const built = buildManifest({ name: header.name, mediaType: header.mediaType, chunks: refs })
    const cid = built.cid.toString()
    this.files.set(cid, {
      file: {
        cid,
        name: header.name,
        mediaType: header.mediaType,
        size: built.manifest.size,
        chunks: chunks.length,
        pinned: true,
        chunksLocal: chunks.length,
        addedAtMs: 0,
      },
      manifestBytes: built.bytes,
      chunks,
    })
    return { cid, size: built.manifest.size, chunks: chunks.length, replicasRequested: [] }
  }

  private read(cid: string, range: { offset: number; length: number }): FileBody {
    const entry = this.entry(cid)
    const all = Buffer.concat(entry.chunks.map((c) => c.bytes))
    const end = range.length === 0 ? all.length : Math.min(all.length, range.offset + range.length)
    const slice = all.subarray(range.offset, end)
    const backend = this
    return {
      info: {
        cid,
        name: entry.file.name,
        mediaType: entry.file.mediaType,
        size: entry.file.size,
        chunks: entry.chunks.length,
      },
      data: (async function* () {
        const step = 64 * 1024
        for (let at = 0; at < slice.length; at += step) {
          yield slice.subarray(at, at + step)
          if (at === 0 && backend.gate) {
            backend.onFirstChunk?.()
            await backend.gate
          }
        }
      })(),
    }
  }
}

async function* copies(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  for await (const block of source) yield new Uint8Array(block)
}
