import { isChunkCid, isManifestCid, MAX_CHUNK_SIZE, parseCid, verifyChunk } from '@netswarm/content'
import { InvalidArgumentError, NotFoundError } from '@netswarm/runtime'
import type { StorageClient } from '@netswarm/storage'

/** Most CIDs one has-chunks call may ask about. */
export const MAX_HAS_CIDS = 4096

/**
 * What `netswarm backup` uploads through (docs/versions.md): which chunks and manifests the peer
 * already holds, single verified chunks, and manifests (pinned as they arrive).
 */
export interface BackupStore {
  /** present[i] answers cids[i]: a raw CID asks for a chunk, a dag-cbor CID for a manifest. */
  has(cids: string[]): Promise<boolean[]>
  /** Stores one chunk after checking it hashes to `cid`; whether it was new. */
  putChunk(cid: string, bytes: Uint8Array): Promise<boolean>
  /** Stores and pins a manifest whose chunks are all stored (409 otherwise); whether it was new. */
  putManifest(cid: string, bytes: Uint8Array): Promise<boolean>
}

/** BackupStore over this peer's storage service. */
export function storageBackupStore(storage: StorageClient): BackupStore {
  return {
    async has(cids) {
      if (cids.length > MAX_HAS_CIDS) throw new InvalidArgumentError(`ask about at most ${MAX_HAS_CIDS} CIDs at once`)
      const parsed = cids.map((text) => parseCid(text))
      const chunkIndexes = parsed.flatMap((cid, i) => (isChunkCid(cid) ? [i] : []))
      const present = new Array<boolean>(cids.length).fill(false)
      if (chunkIndexes.length > 0) {
        const answers = await storage.hasChunks(chunkIndexes.map((i) => parsed[i]))
        chunkIndexes.forEach((index, k) => {
          present[index] = answers[k]
        })
      }
      for (const [i, cid] of parsed.entries()) {
        if (!isManifestCid(cid)) continue
        present[i] = await storage.getManifest(cid).then(
          () => true,
          (err) => {
            if (err instanceof NotFoundError || (err as { code?: string }).code === 'NOT_FOUND') return false
            throw err
          },
        )
      }
      return present
    },
    async putChunk(cidText, bytes) {
      const cid = parseCid(cidText)
      if (!isChunkCid(cid)) throw new InvalidArgumentError(`${cidText} is not a chunk CID (CIDv1 raw sha2-256)`)
      if (bytes.length === 0 || bytes.length > MAX_CHUNK_SIZE) {
        throw new InvalidArgumentError(`a chunk has 1..${MAX_CHUNK_SIZE} bytes, got ${bytes.length}`)
      }
      if (!verifyChunk(cid, bytes)) throw new InvalidArgumentError(`the bytes sent do not hash to ${cidText}`)
      let created = false
      await storage.putChunks([{ cid, bytes }], { onAck: (_cid, c) => (created = c) })
      return created
    },
    async putManifest(cidText, bytes) {
      const { created } = await storage.putManifest(bytes, { cid: cidText, pin: true })
      return created
    },
  }
}
