/**
 * What the gateway needs from the peer's other services, as small interfaces. The gRPC adapters in
 * `clients/` implement them against the real services; route handlers and the tRPC router only
 * see these types, so they can be tested over real HTTP against any implementation.
 */
import type { DhtSearchResult, FileMetadata } from '@netswarm/dht'

/** A file as the transfer service describes it. */
export interface FileInfo {
  cid: string
  name: string
  mediaType: string
  size: number
  chunks: number
}

/** Verified bytes of a file (or of a byte range of it), in order. */
export interface FileBody {
  info: FileInfo
  /** Starts at the requested offset; ends after the requested length. */
  data: AsyncIterable<Uint8Array>
}

export interface PublishHeader {
  name: string
  mediaType: string
}

export interface PublishResult {
  cid: string
  size: number
  chunks: number
  replicasRequested: string[]
}

export type TransferState = 'resolving' | 'downloading' | 'done' | 'failed' | 'cancelled' | 'unknown'

/** One source of a download (a fetch in this tab or any transfer listed by the service). */
export interface PeerRate {
  peerId: string
  address: string
  bytesReceived: number
  bytesPerSecond: number
  rttMs: number
  dropped: boolean
}

export interface FetchProgress {
  transferId: string
  cid: string
  name: string
  state: TransferState
  bytesReceived: number
  bytesTotal: number
  chunksReceived: number
  chunksTotal: number
  chunksLocal: number
  sources: number
  bytesPerSecond: number
  peers: PeerRate[]
  error?: string
}

export interface TransferSummary {
  transferId: string
  cid: string
  name: string
  kind: 'fetch' | 'replicate' | 'publish' | 'unknown'
  state: TransferState
  bytesDone: number
  bytesTotal: number
  bytesPerSecond: number
  sources: number
  /** How much each source gives; empty for publishes and until a provider answers. */
  peers: PeerRate[]
  startedAtMs: number
  finishedAtMs: number
  error?: string
}

export interface PeerStat {
  peerId: string
  address: string
  connected: boolean
  bytesIn: number
  bytesOut: number
  bytesInPerSecond: number
  bytesOutPerSecond: number
  rttMs: number
  verificationFailures: number
}

export interface CallOptions {
  signal?: AbortSignal
}

/** The transfer service: publish, read (fetching from the swarm as needed), fetch, stats. */
export interface TransferBackend {
  /** Chunks, stores, pins and announces a stream; aborting `signal` must leave nothing pinned. */
  publish(source: AsyncIterable<Uint8Array>, header: PublishHeader, options?: CallOptions): Promise<PublishResult>
  /**
   * Resolves a file and streams `length` bytes from `offset` (length 0 = to the end). Rejects with
   * NOT_FOUND when no provider is found within `timeoutMs`.
   */
  readFile(
    cid: string,
    range: { offset: number; length: number },
    options?: CallOptions & { timeoutMs?: number },
  ): Promise<FileBody>
  /**
   * The encoded manifest of `cid`, resolved from this peer or the swarm and kept on this peer
   * (unpinned). Optional: without it, the gateway reads a file's first byte to get it stored.
   */
  manifest?(cid: string, options?: CallOptions & { timeoutMs?: number }): Promise<Uint8Array>
  /** Resolves a file's manifest (from this peer or the swarm) without reading its bytes. */
  stat(cid: string, options?: CallOptions & { timeoutMs?: number }): Promise<FileInfo>
  /** Downloads (and optionally pins) a whole file, reporting progress until done. */
  fetch(cid: string, options?: CallOptions & { pin?: boolean }): AsyncIterable<FetchProgress>
  replicate(cid: string, replicationFactor: number, options?: CallOptions): Promise<{ holders: string[] }>
  listTransfers(includeFinished: boolean): Promise<TransferSummary[]>
  peerStats(): Promise<{ peers: PeerStat[]; uploadSlots: number; uploadSlotsBusy: number }>
}

export interface StorageStats {
  bytesStored: number
  chunksStored: number
  pinnedBytes: number
  quotaBytes: number
  files: number
}

/** A file whose manifest is stored on this peer. */
export interface StoredFile {
  cid: string
  name: string
  mediaType: string
  size: number
  chunks: number
  pinned: boolean
  /** Chunks of the file present locally (equals `chunks` when complete). */
  chunksLocal: number
  addedAtMs: number
}

export interface ManifestChunk {
  cid: string
  size: number
  offset: number
}

export interface ManifestView {
  cid: string
  name: string
  mediaType: string
  size: number
  merkleRoot: string
  chunks: ManifestChunk[]
}

export interface FilePage {
  files: StoredFile[]
  /** Pass back as `cursor` for the next page; absent on the last page. */
  nextCursor?: string
}

/** The storage service: local files, manifests, pins and usage. */
export interface StorageBackend {
  stats(): Promise<StorageStats>
  listFiles(page: { cursor?: string; limit: number }): Promise<FilePage>
  /** NOT_FOUND when this peer does not hold the manifest. */
  getFile(cid: string): Promise<{ file: StoredFile; manifest: ManifestView }>
  /** The manifest's dag-cbor bytes, so clients can verify a download themselves. NOT_FOUND when absent. */
  manifestBytes(cid: string): Promise<Uint8Array>
  pin(cid: string): Promise<void>
  unpin(cid: string): Promise<void>
}

export interface PeerInfo {
  peerId: string
  addresses: string[]
}

export interface Contact extends PeerInfo {
  rttMs: number
  lastSeenMs: number
  bucketIndex: number
}

export interface RoutingTable {
  selfPeerId: string
  contacts: Contact[]
  replacements: number
}

export interface DhtStats {
  routingTableSize: number
  lookupsTotal: number
  lookupsFailedTotal: number
  providerRecords: number
  providedKeys: number
}

/** The DHT service: providers and the routing table. */
export interface DhtBackend {
  /** Providers as the lookup finds them; ends at `limit` or when the lookup is exhausted. */
  findProviders(cid: string, options?: CallOptions & { limit?: number }): AsyncIterable<PeerInfo & { hops: number }>
  routingTable(): Promise<RoutingTable>
  stats(): Promise<DhtStats>
}

/** Searchable metadata of a public file (docs/search.md): the DHT's own type. */
export type SearchMetadata = FileMetadata

/** One search result as the DHT streams it; the same CID may come again with more providers. */
export type SearchResult = DhtSearchResult

/** The DHT's search: publish public files, and query the swarm. */
export interface SearchBackend {
  /** Announces a public file under its keywords; resolves with how many keywords. */
  publish(metadata: SearchMetadata, options?: CallOptions): Promise<{ keywords: number; storedOn: number }>
  unpublish(cid: string, options?: CallOptions): Promise<boolean>
  /** Results as they are found. INVALID_ARGUMENT for an empty, overlong or control-character query. */
  search(
    query: string,
    options?: CallOptions & { limit?: number; timeoutMs?: number; prefix?: boolean },
  ): AsyncIterable<SearchResult>
}

/** Everything the gateway calls. */
export interface GatewayBackend {
  /** Search over the swarm; absent in gateways built without it (tests with a memory backend). */
  search?: SearchBackend
  transfer: TransferBackend
  storage: StorageBackend
  dht: DhtBackend
  /** True when every backend answers health checks (drives /readyz). */
  ready(): Promise<boolean>
  close(): void
}
