import { createHash } from 'node:crypto'
import { InvalidArgumentError } from '@netswarm/runtime'
import { CID } from 'multiformats/cid'

const SHA2_256 = 0x12

/**
 * The DHT key of a CID: its SHA-256 digest (the same 256-bit space as peer IDs), or SHA-256 of
 * the CID bytes for CIDs hashed otherwise.
 */
export function cidToKey(text: string): Uint8Array {
  let cid: CID
  try {
    cid = CID.parse(text)
  } catch (cause) {
    throw new InvalidArgumentError(`not a CID: ${JSON.stringify(text.slice(0, 100))}`, { cause })
  }
  if (cid.multihash.code === SHA2_256 && cid.multihash.digest.length === 32) return cid.multihash.digest
  return new Uint8Array(createHash('sha256').update(cid.bytes).digest())
}
