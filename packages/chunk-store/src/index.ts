export {
  asBuffer,
  assertChunkBytes,
  assertChunkCid,
  assertChunksBytes,
  cidKey,
  RAW_CODE,
  SHA2_256_CODE,
} from './chunk-cid.ts'
export {
  type ChunkEntry,
  ChunkStore,
  type ChunkStoreOptions,
  CLOSE_AFTER_FAILURE_MS,
  CLOSED_AT_KEY,
  guardLmdbCommitFailures,
  isLmdbCommitFailure,
  quietCommitError,
} from './chunk-store.ts'
export { ChunkIntegrityError, InvalidChunkCidError, LayoutMismatchError, QuotaExceededError } from './errors.ts'
export {
  type ChunkInfo,
  COUNTERS_KEY,
  EMPTY_COUNTERS,
  LAYOUT_KEY,
  LAYOUT_VERSION,
  type ManifestInfo,
  type OpenLayoutOptions,
  openLayout,
  type PinRecord,
  QUOTA_KEY,
  readCounters,
  readQuota,
  type StoreCounters,
  type StoreLayout,
  type SyncPolicy,
} from './layout.ts'
export { isVerifiedChunk, type VerifiedChunk, verifyChunk } from './verified-chunk.ts'
