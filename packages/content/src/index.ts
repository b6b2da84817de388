/**
 * @netswarm/content: content addressing. FastCDC chunking (wasm), chunk and manifest CIDs,
 * manifests with a Merkle root, and verification. See docs/chunking.md.
 */
export { CID } from 'multiformats/cid'
export { type Chunk, type ChunkStreamOptions, chunkStream, type HasherKind } from './chunk-stream.ts'
export { Chunker, chunkBytes, type ScannerKind } from './chunker/chunker.ts'
export {
  CHUNKER_DEFAULTS,
  type ChunkerOptions,
  MAX_CHUNK_SIZE,
  type ResolvedChunkerOptions,
  resolveChunkerOptions,
} from './chunker/options.ts'
export { createReferenceScanner } from './chunker/reference-scanner.ts'
export type { BoundaryScanner } from './chunker/scanner.ts'
export { createWasmScanner } from './chunker/wasm-scanner.ts'
export {
  chunkCid,
  cidFromDigest,
  DIGEST_BYTES,
  decodeCid,
  isChunkCid,
  isManifestCid,
  MANIFEST_CODEC,
  manifestCid,
  parseChunkCid,
  parseCid,
  parseManifestCid,
  RAW_CODEC,
  SHA256_CODE,
  sha256,
  verifyChunk,
} from './cid.ts'
export { ChunkerOptionsError, InvalidCidError, ManifestError } from './errors.ts'
export {
  buildManifest,
  type ChunkRef,
  DEFAULT_MEDIA_TYPE,
  decodeManifest,
  encodeManifest,
  MAX_MANIFEST_BYTES,
  MAX_MANIFEST_CHUNKS,
  MAX_MEDIA_TYPE_LENGTH,
  MAX_NAME_BYTES,
  type Manifest,
  validateManifest,
} from './manifest.ts'
export { merkleRoot } from './merkle.ts'
export { verifyFile } from './verify.ts'
