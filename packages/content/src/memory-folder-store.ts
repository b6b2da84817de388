import type { CID } from 'multiformats/cid'
import type { FolderSource } from './folder-read.ts'
import type { ChunkSink } from './folder-walk.ts'
import type { Manifest } from './manifest.ts'

/**
 * Chunks and manifests in memory: a ChunkSink to walk a folder into and a FolderSource to read it
 * back from. For tests and tools; nothing is verified here (readers verify what they get).
 */
export class MemoryFolderStore implements ChunkSink, FolderSource {
  readonly chunks = new Map<string, Uint8Array>()
  readonly manifests = new Map<string, Uint8Array>()

  async putChunk(cid: CID, bytes: Uint8Array): Promise<void> {
    this.chunks.set(cid.toString(), Uint8Array.from(bytes))
  }

  async putManifest(cid: CID, bytes: Uint8Array): Promise<void> {
    this.manifests.set(cid.toString(), bytes)
  }

  async manifest(cid: CID): Promise<Uint8Array> {
    const bytes = this.manifests.get(cid.toString())
    if (!bytes) throw Object.assign(new Error(`no manifest ${cid}`), { code: 'NOT_FOUND' })
    return bytes
  }

  async *content(_cid: CID, manifest: Manifest): AsyncIterable<Uint8Array> {
    for (const chunk of manifest.chunks) yield this.chunks.get(chunk.cid.toString()) as Uint8Array
  }
}
