/**
 * Merkle root over chunk digests (docs/chunking.md, "Merkle root"):
 *   leaf   = SHA-256(0x00 || chunkDigest)
 *   parent = SHA-256(0x01 || left || right)
 *   a level with an odd count promotes its last node unchanged to the next level;
 *   root of zero chunks = SHA-256 of the empty string.
 * The 0x00/0x01 prefixes (RFC 6962 §2.1) keep a leaf from being mistaken for an inner node.
 */
import { createHash } from 'node:crypto'
import { DIGEST_BYTES } from './cid.ts'

const LEAF_PREFIX = new Uint8Array([0x00])
const NODE_PREFIX = new Uint8Array([0x01])

/** Root of the binary SHA-256 tree over `chunkDigests` (each 32 bytes), in chunk order. */
export function merkleRoot(chunkDigests: Uint8Array[]): Uint8Array {
  if (chunkDigests.length === 0) return new Uint8Array(createHash('sha256').digest())
  let level: Uint8Array[] = chunkDigests.map((digest) => {
    if (digest.length !== DIGEST_BYTES) throw new RangeError('chunk digests must be 32 bytes')
    return new Uint8Array(createHash('sha256').update(LEAF_PREFIX).update(digest).digest())
  })
  while (level.length > 1) {
    const next: Uint8Array[] = []
    for (let i = 0; i + 1 < level.length; i += 2) {
      next.push(
        new Uint8Array(
          createHash('sha256')
            .update(NODE_PREFIX)
            .update(level[i])
            .update(level[i + 1])
            .digest(),
        ),
      )
    }
    if (level.length % 2 === 1) next.push(level[level.length - 1])
    level = next
  }
  return level[0]
}
