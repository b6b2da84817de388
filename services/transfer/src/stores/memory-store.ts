import { CID } from 'multiformats/cid'
import type { LocalStore } from '../ports.ts'

/** A LocalStore in memory, for tests and simulations. Counts writes so tests can assert on them. */
export class MemoryStore implements LocalStore {
  readonly chunks = new Map<string, Uint8Array>()
  readonly manifests = new Map<string, Uint8Array>()
  readonly pinned = new Set<string>()
  /** Every chunk CID written, in order (a chunk written twice appears twice). */
  readonly writes: string[] = []

  async hasChunks(cids: readonly CID[]): Promise<boolean[]> {
    return cids.map((c) => this.chunks.has(c.toString()))
  }

  async getChunk(cid: CID): Promise<Uint8Array | undefined> {
    return this.chunks.get(cid.toString())
  }

  async putChunks(entries: readonly { cid: CID; bytes: Uint8Array }[]): Promise<void> {
    for (const { cid, bytes } of entries) {
      this.writes.push(cid.toString())
      this.chunks.set(cid.toString(), new Uint8Array(bytes))
    }
  }

  async getManifest(cid: CID): Promise<Uint8Array | undefined> {
    return this.manifests.get(cid.toString())
  }

  async putManifest(cid: CID, bytes: Uint8Array, options: { pin: boolean }): Promise<void> {
    this.manifests.set(cid.toString(), new Uint8Array(bytes))
    if (options.pin) this.pinned.add(cid.toString())
  }

  async listPinned(): Promise<CID[]> {
    return [...this.pinned].map((s) => CID.parse(s))
  }

  async close(): Promise<void> {}
}
