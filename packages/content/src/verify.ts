/** Verification of a whole file against its manifest. */
import { createHash, type Hash } from 'node:crypto'
import { IntegrityError } from '@netswarm/runtime/errors'
import { equalBytes, isChunkCid } from './cid.ts'
import type { Manifest } from './manifest.ts'
import { merkleRoot } from './merkle.ts'

/**
 * Reads `source` and checks it is exactly the file `manifest` describes: every chunk (cut at
 * the manifest's chunk sizes, so any chunker's output verifies) hashes to its CID, the total
 * size matches and the Merkle root of the digests equals `manifest.merkleRoot`. Memory is
 * constant (chunks are hashed incrementally). Throws IntegrityError naming the first bad chunk.
 */
export async function verifyFile(
  manifest: Manifest,
  source: AsyncIterable<Uint8Array>,
  options: { signal?: AbortSignal } = {},
): Promise<void> {
  const { chunks } = manifest
  const digests: Uint8Array[] = []
  let index = 0
  let filled = 0 // bytes of chunk `index` hashed so far
  let hash: Hash | undefined
  let offset = 0

  const finishChunk = () => {
    const chunk = chunks[index]
    const digest = new Uint8Array(hash!.digest())
    if (!isChunkCid(chunk.cid) || !equalBytes(digest, chunk.cid.multihash.digest)) {
      throw new IntegrityError(`chunk ${index} (${chunk.cid}) at offset ${offset - chunk.size} does not match its CID`)
    }
    digests.push(digest)
    index++
    filled = 0
    hash = undefined
  }

  for await (const block of source) {
    options.signal?.throwIfAborted()
    let at = 0
    while (at < block.length) {
      if (index >= chunks.length) throw new IntegrityError(`file is longer than the manifest's ${manifest.size} bytes`)
      const want = chunks[index].size - filled
      const take = Math.min(want, block.length - at)
      hash ??= createHash('sha256')
      hash.update(block.subarray(at, at + take))
      at += take
      filled += take
      offset += take
      if (filled === chunks[index].size) finishChunk()
    }
  }
  if (index !== chunks.length || offset !== manifest.size) {
    throw new IntegrityError(`file is shorter than the manifest: got ${offset} of ${manifest.size} bytes`)
  }
  if (!equalBytes(merkleRoot(digests), manifest.merkleRoot)) {
    throw new IntegrityError('Merkle root of the chunks does not match the manifest')
  }
}
