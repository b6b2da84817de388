import { createHash } from 'node:crypto'
import type { CID } from 'multiformats/cid'
import { assertChunkCid } from './chunk-cid.ts'
import { ChunkIntegrityError } from './errors.ts'

/**
 * Proof that a chunk's bytes hashed to its CID: the only thing {@link ChunkStore.putVerifiedChunks}
 * accepts, so a caller that has already hashed a chunk (a download verifying it on arrival) does
 * not pay for a second SHA-256, and a caller that has not cannot skip verification by accident.
 * Only {@link verifyChunk} makes one (checked at runtime, not just by the type).
 * The bytes must not be mutated afterwards.
 */
export interface VerifiedChunk {
  readonly cid: CID
  readonly bytes: Uint8Array
}

const verified = new WeakSet<object>()

/**
 * Hashes `bytes` and returns a {@link VerifiedChunk}; throws {@link ChunkIntegrityError} when they
 * do not match the CID's sha2-256 digest (InvalidChunkCidError for a CID that is no chunk address).
 * Synchronous on purpose: hashing in place costs less CPU than webcrypto's copy to the thread pool.
 */
export function verifyChunk(cid: CID, bytes: Uint8Array): VerifiedChunk {
  assertChunkCid(cid)
  const digest = createHash('sha256').update(bytes).digest()
  if (!digest.equals(cid.multihash.digest)) throw new ChunkIntegrityError(cid.toString())
  const chunk: VerifiedChunk = Object.freeze({ cid, bytes })
  verified.add(chunk)
  return chunk
}

/** Whether `entry` was made by {@link verifyChunk} (not just shaped like a VerifiedChunk). */
export function isVerifiedChunk(entry: unknown): entry is VerifiedChunk {
  return typeof entry === 'object' && entry !== null && verified.has(entry)
}
