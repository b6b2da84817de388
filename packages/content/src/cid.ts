/**
 * CIDs used by NetSwarm: chunks are CIDv1 raw (0x55) sha2-256, manifests are CIDv1 dag-cbor
 * (0x71) sha2-256. Everything else is rejected with InvalidCidError.
 */
import { createHash } from 'node:crypto'
import { CID } from 'multiformats/cid'
import * as Digest from 'multiformats/hashes/digest'
import { InvalidCidError } from './errors.ts'

/** Multicodec of a chunk: raw bytes. */
export const RAW_CODEC = 0x55
/** Multicodec of a manifest: dag-cbor. */
export const MANIFEST_CODEC = 0x71
/** Multihash code of sha2-256. */
export const SHA256_CODE = 0x12
/** Length in bytes of a sha2-256 digest. */
export const DIGEST_BYTES = 32
/** Longest CID string accepted by parseCid (a v1 sha2-256 CID in base32 is 59 characters). */
export const MAX_CID_STRING_LENGTH = 128

/** SHA-256 of `bytes`, synchronously with node:crypto. */
export function sha256(bytes: Uint8Array): Uint8Array {
  const digest = createHash('sha256').update(bytes).digest()
  // A plain Uint8Array view (not a Buffer), so CIDs compare equal with deepEqual and encode alike.
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.length)
}

/** Builds a CIDv1 for a sha2-256 digest; throws InvalidCidError if it is not 32 bytes. */
export function cidFromDigest(codec: typeof RAW_CODEC | typeof MANIFEST_CODEC, digest: Uint8Array): CID {
  if (digest.length !== DIGEST_BYTES)
    throw new InvalidCidError(`sha2-256 digest must be 32 bytes, got ${digest.length}`)
  return CID.createV1(codec, Digest.create(SHA256_CODE, digest))
}

/** CID of a chunk's bytes (raw, sha2-256). */
export function chunkCid(bytes: Uint8Array): CID {
  return cidFromDigest(RAW_CODEC, sha256(bytes))
}

/** CID of an encoded manifest (dag-cbor, sha2-256). */
export function manifestCid(encoded: Uint8Array): CID {
  return cidFromDigest(MANIFEST_CODEC, sha256(encoded))
}

function isSha256V1(cid: CID): boolean {
  return cid.version === 1 && cid.multihash.code === SHA256_CODE && cid.multihash.digest.length === DIGEST_BYTES
}

/** True for a CIDv1 raw sha2-256 (a chunk address). */
export function isChunkCid(cid: CID): boolean {
  return cid.code === RAW_CODEC && isSha256V1(cid)
}

/** True for a CIDv1 dag-cbor sha2-256 (a manifest address). */
export function isManifestCid(cid: CID): boolean {
  return cid.code === MANIFEST_CODEC && isSha256V1(cid)
}

/**
 * Parses a CID string (base32 `b…` or base58btc `z…`) and checks it is a NetSwarm chunk or
 * manifest CID. Throws InvalidCidError (code INVALID_ARGUMENT) on anything else.
 */
export function parseCid(text: string): CID {
  if (typeof text !== 'string' || text.length === 0 || text.length > MAX_CID_STRING_LENGTH) {
    throw new InvalidCidError('CID must be a non-empty string of at most 128 characters')
  }
  let cid: CID
  try {
    cid = CID.parse(text)
  } catch (cause) {
    throw new InvalidCidError(`malformed CID ${JSON.stringify(text)}: expected a base32 CIDv1`, { cause })
  }
  assertNetSwarmCid(cid)
  return cid
}

/** Parses a CID string that must be a chunk CID. */
export function parseChunkCid(text: string): CID {
  const cid = parseCid(text)
  if (!isChunkCid(cid)) throw new InvalidCidError(`${text} is not a chunk CID (raw sha2-256)`)
  return cid
}

/** Parses a CID string that must be a manifest CID. */
export function parseManifestCid(text: string): CID {
  const cid = parseCid(text)
  if (!isManifestCid(cid)) throw new InvalidCidError(`${text} is not a manifest CID (dag-cbor sha2-256)`)
  return cid
}

/** Decodes CID bytes (as stored or sent on the wire) and checks it is a NetSwarm CID. */
export function decodeCid(bytes: Uint8Array): CID {
  let cid: CID
  try {
    cid = CID.decode(bytes)
  } catch (cause) {
    throw new InvalidCidError('malformed binary CID', { cause })
  }
  assertNetSwarmCid(cid)
  return cid
}

function assertNetSwarmCid(cid: CID): void {
  if (cid.version !== 1) throw new InvalidCidError(`CID version ${cid.version} is not supported: use CIDv1`)
  if (cid.code !== RAW_CODEC && cid.code !== MANIFEST_CODEC) {
    throw new InvalidCidError(
      `CID codec 0x${cid.code.toString(16)} is not supported: use raw (0x55) or dag-cbor (0x71)`,
    )
  }
  if (cid.multihash.code !== SHA256_CODE || cid.multihash.digest.length !== DIGEST_BYTES) {
    throw new InvalidCidError(`CID hash 0x${cid.multihash.code.toString(16)} is not supported: use sha2-256`)
  }
}

/**
 * True when `bytes` hash to the chunk CID `cid`. Throws InvalidCidError if `cid` is not a
 * chunk CID (a programming error, not a corrupt chunk).
 */
export function verifyChunk(cid: CID, bytes: Uint8Array): boolean {
  if (!isChunkCid(cid)) throw new InvalidCidError(`${cid} is not a chunk CID (raw sha2-256)`)
  return equalBytes(sha256(bytes), cid.multihash.digest)
}

/** Constant-length byte comparison (not secret data, so no timing concern). */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
