export {
  type CallOptions,
  type ChunkInput,
  createStorageClient,
  type FilePageView,
  type StorageClient,
  type StorageStatsView,
  type StoredFileInfo,
} from './client.ts'
export {
  loadStorageConfig,
  parseStorageConfig,
  type StorageConfig,
  type StorageConfigInput,
  storageConfigSchema,
} from './config.ts'
export { ChunkNotFoundError, ChunkPinnedError, ManifestNotFoundError, MissingChunksError } from './errors.ts'
export {
  createStorageService,
  STORAGE_SERVICE_NAME,
  type StorageComponents,
  type StorageService,
} from './service.ts'
export type { ByteRange } from './store/file-reader.ts'
export type { GcResult } from './store/gc.ts'
export type { FileInfo, FilePage, PutManifestOptions } from './store/manifests.ts'
export { Storage, type StorageOptions, type StorageStats } from './store/storage.ts'
