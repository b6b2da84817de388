/**
 * Content addressing as the storage service needs it. Temporary stand-in until
 * `@netswarm/content` exports its manifest codec; the signatures match that package's so the
 * switch is a re-export.
 */

import { createHash } from 'node:crypto'
import * as dagCbor from '@ipld/dag-cbor'
import { InvalidArgumentError } from '@netswarm/runtime'
import { CID } from 'multiformats/cid'
import * as Digest from 'multiformats/hashes/digest'

export { CID }

/** A file's description: its chunks in order and its metadata. */
export interface Manifest {
  version: 1
  name: string
  size: number
  mediaType: string
  chunks: { cid: CID; size: number }[]
  merkleRoot: Uint8Array
}

export class InvalidCidError extends InvalidArgumentError {}
export class ManifestError extends InvalidArgumentError {}

const RAW = 0x55
const DAG_CBOR = 0x71

function digest(bytes: Uint8Array): Uint8Array {
  return createHash('sha256').update(bytes).digest()
}

export function chunkCid(bytes: Uint8Array): CID {
  return CID.createV1(RAW, Digest.create(0x12, digest(bytes)))
}

export function manifestCid(bytes: Uint8Array): CID {
  return CID.createV1(DAG_CBOR, Digest.create(0x12, digest(bytes)))
}

export function isChunkCid(cid: CID): boolean {
  return cid.version === 1 && cid.code === RAW && cid.multihash.code === 0x12 && cid.multihash.digest.length === 32
}

export function isManifestCid(cid: CID): boolean {
  return cid.version === 1 && cid.code === DAG_CBOR && cid.multihash.code === 0x12 && cid.multihash.digest.length === 32
}

export function parseCid(text: string): CID {
  let cid: CID
  try {
    if (typeof text !== 'string' || text.length === 0 || text.length > 128) throw new Error('bad length')
    cid = CID.parse(text)
  } catch (cause) {
    throw new InvalidCidError(`malformed CID ${JSON.stringify(String(text).slice(0, 80))}: expected a base32 CIDv1`, {
      cause,
    })
  }
  if (!isChunkCid(cid) && !isManifestCid(cid)) {
    throw new InvalidCidError(`${text} is not a NetSwarm CID (CIDv1 raw or dag-cbor, sha2-256)`)
  }
  return cid
}

export function encodeManifest(manifest: Manifest): Uint8Array {
  return dagCbor.encode({
    version: manifest.version,
    name: manifest.name,
    size: manifest.size,
    mediaType: manifest.mediaType,
    chunks: manifest.chunks.map((c) => ({ cid: c.cid, size: c.size })),
    merkleRoot: manifest.merkleRoot,
  })
}

export function decodeManifest(bytes: Uint8Array): Manifest {
  let value: unknown
  try {
    value = dagCbor.decode(bytes)
  } catch (cause) {
    throw new ManifestError('manifest is not valid dag-cbor', { cause })
  }
  const m = value as Partial<Manifest> | null
  if (!m || typeof m !== 'object' || m.version !== 1) throw new ManifestError('manifest version must be 1')
  if (typeof m.name !== 'string' || typeof m.mediaType !== 'string') throw new ManifestError('manifest name/mediaType')
  if (typeof m.size !== 'number' || !Number.isSafeInteger(m.size) || m.size < 0)
    throw new ManifestError('manifest size')
  if (!Array.isArray(m.chunks)) throw new ManifestError('manifest chunks must be a list')
  let total = 0
  for (const c of m.chunks) {
    const cid = CID.asCID(c?.cid)
    if (!cid || !isChunkCid(cid)) throw new ManifestError('manifest names a chunk CID that is not raw sha2-256')
    if (!Number.isSafeInteger(c.size) || c.size <= 0) throw new ManifestError('manifest chunk size must be positive')
    total += c.size
  }
  if (total !== m.size) throw new ManifestError(`manifest size ${m.size} differs from its chunks' total ${total}`)
  if (!(m.merkleRoot instanceof Uint8Array)) throw new ManifestError('manifest merkleRoot must be bytes')
  return m as Manifest
}

/** Parses a CID string that must address a chunk. */
export function parseChunkCid(text: string): CID {
  const cid = parseCid(text)
  if (!isChunkCid(cid)) throw new InvalidCidError(`${text} is not a chunk CID (raw sha2-256)`)
  return cid
}

/** Parses a CID string that must address a manifest. */
export function parseManifestCid(text: string): CID {
  const cid = parseCid(text)
  if (!isManifestCid(cid)) throw new InvalidCidError(`${text} is not a manifest CID (dag-cbor sha2-256)`)
  return cid
}
