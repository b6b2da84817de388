import { decodeManifest } from '@netswarm/content'
import { loadStorageProto } from '@netswarm/proto'
import { GRPC_CHANNEL_OPTIONS, grpc } from '@netswarm/runtime'
import type { ManifestView, StorageBackend, StoredFile } from '../backend.ts'
import { callUnary, num } from './grpc-calls.ts'

/** HasChunks is asked in slices so one huge manifest does not make one huge message. */
const HAS_CHUNKS_BATCH = 4096

interface StorageFileInfo {
  cid: string
  name: string
  size: string
  mediaType: string
  chunkCount: number
  pinned: boolean
}

/** The storage service over gRPC, as the gateway's StorageBackend (plus raw manifest bytes). */
export function createStorageBackend(address: string): StorageBackend & { client: grpc.Client } {
  const proto = loadStorageProto()
  const client = new proto.netswarm.storage.v1.StorageService(
    address,
    grpc.credentials.createInsecure(),
    GRPC_CHANNEL_OPTIONS,
  )
  // Generated overloads defeat inference of the callback types, so calls go through `any`.
  const c = client as any

  async function presentCount(cids: string[]): Promise<number> {
    let present = 0
    for (let at = 0; at < cids.length; at += HAS_CHUNKS_BATCH) {
      const res = await callUnary<{ present: boolean[] }>((cb) =>
        c.HasChunks({ cids: cids.slice(at, at + HAS_CHUNKS_BATCH) }, cb),
      )
      present += res.present.filter(Boolean).length
    }
    return present
  }

  return {
    client,
    async manifestBytes(cid) {
      const res = await callUnary<{ manifest: Buffer }>((cb) => c.GetManifest({ cid }, cb))
      return new Uint8Array(res.manifest)
    },
    async stats() {
      const res = await callUnary<Record<string, string>>((cb) => c.GetStats({}, cb))
      return {
        bytesStored: num(res.bytesStored),
        chunksStored: num(res.chunksStored),
        pinnedBytes: num(res.pinnedBytes),
        quotaBytes: num(res.quotaBytes),
        files: num(res.manifestsStored),
      }
    },
    async listFiles(page) {
      const res = await callUnary<{ files: StorageFileInfo[]; nextPageToken: string }>((cb) =>
        c.ListFiles({ pageSize: page.limit, pageToken: page.cursor ?? '' }, cb),
      )
      return {
        // Completeness per file would cost a HasChunks per row; the list shows manifest facts only.
        files: res.files.map((f) => storedFile(f, f.chunkCount)),
        nextCursor: res.nextPageToken || undefined,
      }
    },
    async getFile(cid) {
      const res = await callUnary<{ cid: string; manifest: Buffer; info: StorageFileInfo }>((cb) =>
        c.GetManifest({ cid }, cb),
      )
      const manifest = decodeManifest(new Uint8Array(res.manifest))
      const chunkCids = manifest.chunks.map((ch) => ch.cid.toString())
      let offset = 0
      const view: ManifestView = {
        cid,
        name: manifest.name,
        mediaType: manifest.mediaType,
        size: manifest.size,
        merkleRoot: Buffer.from(manifest.merkleRoot).toString('hex'),
        chunks: manifest.chunks.map((ch, i) => {
          const entry = { cid: chunkCids[i], size: ch.size, offset }
          offset += ch.size
          return entry
        }),
      }
      return { file: storedFile(res.info, await presentCount(chunkCids)), manifest: view }
    },
    async pin(cid) {
      await callUnary((cb) => c.Pin({ cid }, cb))
    },
    async unpin(cid) {
      await callUnary((cb) => c.Unpin({ cid }, cb))
    },
  }
}

function storedFile(f: StorageFileInfo, chunksLocal: number): StoredFile {
  return {
    cid: f.cid,
    name: f.name,
    mediaType: f.mediaType,
    size: num(f.size),
    chunks: f.chunkCount,
    pinned: f.pinned,
    chunksLocal,
    addedAtMs: 0,
  }
}
