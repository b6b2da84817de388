import { createHash, webcrypto } from 'node:crypto'
import type { CID } from 'multiformats/cid'
import { ChunkIntegrityError, InvalidChunkCidError } from './errors.ts'

/** Multicodec of raw bytes. */
export const RAW_CODE = 0x55
/** Multihash code of sha2-256. */
export const SHA2_256_CODE = 0x12

/** Throws unless the CID is a CIDv1 raw sha2-256 (the only kind of chunk address). */
export function assertChunkCid(cid: CID): void {
  if (cid.version !== 1) throw new InvalidChunkCidError(cid.toString(), 'expected CIDv1')
  if (cid.code !== RAW_CODE) throw new InvalidChunkCidError(cid.toString(), 'expected the raw codec (0x55)')
  if (cid.multihash.code !== SHA2_256_CODE || cid.multihash.digest.length !== 32) {
    throw new InvalidChunkCidError(cid.toString(), 'expected a sha2-256 multihash')
  }
}

/** Throws {@link ChunkIntegrityError} unless `bytes` hash to the chunk CID's digest. */
export function assertChunkBytes(cid: CID, bytes: Uint8Array): void {
  assertChunkCid(cid)
  const digest = createHash('sha256').update(bytes).digest()
  if (!digest.equals(cid.multihash.digest)) throw new ChunkIntegrityError(cid.toString())
}

/** The LMDB key of a CID: its binary form, without copying. */
export function cidKey(cid: CID): Buffer {
  const bytes = cid.bytes
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

/** Chunks at least this big are hashed on libuv's thread pool, smaller ones inline. */
const OFFLOAD_HASH_BYTES = 16 * 1024

/**
 * Checks every chunk of a batch like {@link assertChunkBytes}, hashing the larger ones in parallel
 * on the thread pool (webcrypto) so the event loop stays free and both cores work. Throws the
 * error of the first bad chunk in batch order.
 */
export async function assertChunksBytes(entries: readonly { cid: CID; bytes: Uint8Array }[]): Promise<void> {
  for (const { cid } of entries) assertChunkCid(cid)
  const digests = await Promise.all(
    entries.map(
      async ({ bytes }): Promise<Uint8Array> =>
        bytes.byteLength >= OFFLOAD_HASH_BYTES
          ? new Uint8Array(await webcrypto.subtle.digest('SHA-256', bytes))
          : createHash('sha256').update(bytes).digest(),
    ),
  )
  for (let i = 0; i < entries.length; i++) {
    const digest = asBuffer(digests[i])
    if (!digest.equals(entries[i].cid.multihash.digest)) throw new ChunkIntegrityError(entries[i].cid.toString())
  }
}

/** A Buffer view of bytes, without copying. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}
