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
export {
  buildDirectory,
  checkEntryName,
  checkPage,
  compareNames,
  DIRECTORY_MEDIA_TYPE,
  type DirectoryDocument,
  type DirectoryEntry,
  decodeDirectory,
  directorySize,
  type EntriesDocument,
  type EntryKind,
  encodeDirectory,
  entryNameProblem,
  type FileEntry,
  findEntry,
  findPage,
  type IndexDocument,
  MAX_DIRECTORY_BYTES,
  MAX_DIRECTORY_PAGES,
  MAX_ENTRY_NAME_BYTES,
  MAX_PAGE_ENTRIES,
  MAX_SYMLINK_TARGET_BYTES,
  MODE_MASK,
  type PageRef,
  type SubdirectoryEntry,
  type SymlinkEntry,
  splitFolderPath,
  validateDirectory,
} from './directory.ts'
export {
  ChunkerOptionsError,
  DirectoryError,
  InvalidCidError,
  ManifestError,
  UnsafePathError,
  VersionError,
} from './errors.ts'
export {
  type FolderSource,
  isDirectoryManifest,
  listEntries,
  lookupEntry,
  readDirectory,
  readDirectoryContent,
  resolveFolderPath,
  verifiedManifest,
} from './folder-read.ts'
export { type RestoreOptions, type RestoreResult, restoreFolder } from './folder-restore.ts'
export {
  type ChunkSink,
  chunkingStore,
  type FileToRead,
  type FileToStore,
  type FolderStore,
  type StoredFileRef,
  type WalkOptions,
  type WalkResult,
  walkFolder,
} from './folder-walk.ts'
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
export { mediaTypeFor } from './media-types.ts'
export { MemoryFolderStore } from './memory-folder-store.ts'
export { merkleRoot } from './merkle.ts'
export { verifyFile } from './verify.ts'
export {
  checkVersionMessage,
  decodeVersionLog,
  decodeVersionRecord,
  encodeVersionLog,
  encodeVersionRecord,
  MAX_VERSION_LOG_ENTRIES,
  MAX_VERSION_MESSAGE_BYTES,
  MAX_VERSION_RECORD_BYTES,
  sharedCount,
  VERSION_LOG_MEDIA_TYPE,
  type VersionEntry,
  type VersionRecordValue,
} from './versions.ts'
