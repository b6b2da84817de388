/**
 * File manifests: { version: 1, name, size, mediaType, chunks: [{cid, size}], merkleRoot },
 * encoded as deterministic dag-cbor and addressed by a CIDv1 dag-cbor sha2-256. Decoding is
 * strict (every field checked, canonical encoding required) and throws only ManifestError.
 */
import * as dagCbor from '@ipld/dag-cbor'
import { CID } from 'multiformats/cid'
import { MAX_CHUNK_SIZE } from './chunker/options.ts'
import { equalBytes, isChunkCid, manifestCid } from './cid.ts'
import { hasExactKeys, isPlainObject } from './document-shape.ts'
import { ManifestError } from './errors.ts'
import { merkleRoot } from './merkle.ts'

/** A chunk as listed in a manifest. */
export interface ChunkRef {
  cid: CID
  size: number
}

/** A file's manifest; its CID is the file's address. */
export interface Manifest {
  version: 1
  /** File name: UTF-8, no NUL, at most MAX_NAME_BYTES bytes. */
  name: string
  /** Total size in bytes (= sum of chunk sizes). */
  size: number
  /** RFC 6838 media type, optionally with `;key=value` parameters. */
  mediaType: string
  chunks: ChunkRef[]
  /** merkleRoot() of the chunk digests (docs/chunking.md). */
  merkleRoot: Uint8Array
}

/** Longest accepted encoded manifest. */
export const MAX_MANIFEST_BYTES = 16 * 1024 * 1024
/** Most chunks in one manifest (about 80 GiB at the default chunk sizes, 256 GiB at 1 MiB chunks). */
export const MAX_MANIFEST_CHUNKS = 262_144
/** Longest accepted name, in UTF-8 bytes. */
export const MAX_NAME_BYTES = 1024
/** Longest accepted media type. */
export const MAX_MEDIA_TYPE_LENGTH = 255
/** Media type used when none is given. */
export const DEFAULT_MEDIA_TYPE = 'application/octet-stream'

const TOKEN = '[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}'
const MEDIA_TYPE_PATTERN = new RegExp(`^${TOKEN}/${TOKEN}(?:; ?${TOKEN}=${TOKEN})*$`)
const MANIFEST_KEYS = ['chunks', 'mediaType', 'merkleRoot', 'name', 'size', 'version']
const CHUNK_KEYS = ['cid', 'size']

function fail(message: string, cause?: unknown): never {
  throw new ManifestError(`invalid manifest: ${message}`, cause === undefined ? undefined : { cause })
}

/** Checks a name: a well-formed string (no lone surrogates), no NUL, bounded UTF-8 length. */
function checkName(name: unknown): string {
  if (typeof name !== 'string') fail('name must be a string')
  if (name.includes('\0')) fail('name must not contain NUL')
  const utf8 = Buffer.from(name, 'utf8')
  if (utf8.length > MAX_NAME_BYTES) fail(`name must be at most ${MAX_NAME_BYTES} UTF-8 bytes`)
  if (utf8.toString('utf8') !== name) fail('name must be well-formed Unicode')
  return name
}

function checkMediaType(mediaType: unknown): string {
  if (typeof mediaType !== 'string') fail('mediaType must be a string')
  if (mediaType.length > MAX_MEDIA_TYPE_LENGTH || !MEDIA_TYPE_PATTERN.test(mediaType)) {
    fail('mediaType must look like type/subtype[;key=value]')
  }
  return mediaType
}

function checkChunks(chunks: unknown): ChunkRef[] {
  if (!Array.isArray(chunks)) fail('chunks must be an array')
  if (chunks.length > MAX_MANIFEST_CHUNKS) fail(`at most ${MAX_MANIFEST_CHUNKS} chunks are allowed`)
  return chunks.map((chunk, i): ChunkRef => {
    if (!isPlainObject(chunk) || !hasExactKeys(chunk, CHUNK_KEYS)) fail(`chunk ${i} must be exactly {cid, size}`)
    const cid = CID.asCID(chunk.cid)
    if (cid === null || !isChunkCid(cid)) fail(`chunk ${i} cid must be a CIDv1 raw sha2-256`)
    const size = chunk.size
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > MAX_CHUNK_SIZE) {
      fail(`chunk ${i} size must be an integer in 1..${MAX_CHUNK_SIZE}`)
    }
    return { cid, size }
  })
}

/** Validates every field of `value` as a manifest and returns a clean copy; throws ManifestError. */
export function validateManifest(value: unknown): Manifest {
  if (!isPlainObject(value) || !hasExactKeys(value, MANIFEST_KEYS)) {
    fail(`must be a map with exactly the keys ${MANIFEST_KEYS.join(', ')}`)
  }
  if (value.version !== 1) fail('version must be 1')
  const name = checkName(value.name)
  const mediaType = checkMediaType(value.mediaType)
  const size = value.size
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) fail('size must be a non-negative integer')
  const chunks = checkChunks(value.chunks)
  let total = 0
  for (const chunk of chunks) total += chunk.size
  if (total !== size) fail(`chunk sizes sum to ${total}, not size ${size}`)
  const root = value.merkleRoot
  if (!(root instanceof Uint8Array) || root.length !== 32) fail('merkleRoot must be 32 bytes')
  if (!equalBytes(root, merkleRoot(chunks.map((chunk) => chunk.cid.multihash.digest)))) {
    fail('merkleRoot does not match the chunk digests')
  }
  return { version: 1, name, size, mediaType, chunks, merkleRoot: new Uint8Array(root) }
}

function toEncodable(m: Manifest) {
  return {
    version: m.version,
    name: m.name,
    size: m.size,
    mediaType: m.mediaType,
    chunks: m.chunks.map((chunk) => ({ cid: chunk.cid, size: chunk.size })),
    merkleRoot: m.merkleRoot,
  }
}

/** Encodes a manifest as deterministic dag-cbor; validates it first (throws ManifestError). */
export function encodeManifest(m: Manifest): Uint8Array {
  return dagCbor.encode(toEncodable(validateManifest(m)))
}

/**
 * Decodes and strictly validates manifest bytes. Throws ManifestError (code INVALID_ARGUMENT)
 * on any malformed, non-canonical or inconsistent input; never anything else.
 */
export function decodeManifest(bytes: Uint8Array): Manifest {
  if (!(bytes instanceof Uint8Array)) fail('bytes must be a Uint8Array')
  if (bytes.length > MAX_MANIFEST_BYTES) fail(`encoded manifest exceeds ${MAX_MANIFEST_BYTES} bytes`)
  let value: unknown
  try {
    value = dagCbor.decode(bytes)
  } catch (cause) {
    fail('not valid dag-cbor', cause)
  }
  const manifest = validateManifest(value)
  // One manifest has one encoding, hence one CID: reject anything dag-cbor accepted but is not canonical.
  if (!equalBytes(dagCbor.encode(toEncodable(manifest)), bytes)) fail('encoding is not canonical')
  return manifest
}

/** Builds, encodes and addresses the manifest of a file from its chunks in order. */
export function buildManifest(input: { name: string; mediaType?: string; chunks: ChunkRef[] }): {
  manifest: Manifest
  bytes: Uint8Array
  cid: CID
} {
  const chunks = input.chunks.map((chunk) => ({ cid: chunk.cid, size: chunk.size }))
  let size = 0
  for (const chunk of chunks) size += chunk.size
  const root = merkleRoot(
    chunks.map((chunk) => {
      if (!isChunkCid(chunk.cid)) fail('every chunk cid must be a CIDv1 raw sha2-256')
      return chunk.cid.multihash.digest
    }),
  )
  const manifest: Manifest = {
    version: 1,
    name: input.name,
    size,
    mediaType: input.mediaType ?? DEFAULT_MEDIA_TYPE,
    chunks,
    merkleRoot: root,
  }
  const bytes = encodeManifest(manifest)
  return { manifest, bytes, cid: manifestCid(bytes) }
}
