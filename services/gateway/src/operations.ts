import { InvalidArgumentError, isNetSwarmError, NotFoundError } from '@netswarm/runtime'
import type {
  Contact,
  DhtStats,
  FilePage,
  GatewayBackend,
  ManifestView,
  PeerStat,
  StorageStats,
  StoredFile,
  TransferSummary,
} from './backend.ts'
import { parseCid, shareLink } from './links.ts'

/**
 * The gateway's operations, shared by the REST routes and the tRPC router so both APIs answer
 * the same thing. Inputs are validated here; every function throws typed NetSwarmErrors.
 */

/** Most providers listed in a file's info. */
const MAX_PROVIDERS = 20
/** Largest page of the local file list. */
export const MAX_PAGE_SIZE = 500

export interface FileDetails {
  cid: string
  name: string
  mediaType: string
  size: number
  chunks: number
  link: string
  /** True when this peer stores the manifest. */
  local: boolean
  pinned: boolean
  chunksLocal: number
  /** The manifest, when stored on this peer. */
  manifest?: ManifestView
  providers: { peerId: string; addresses: string[]; hops: number }[]
  /** How many peers announce the file (this one included when it provides it). */
  replication: number
}

function isNotFound(err: unknown): boolean {
  return isNetSwarmError(err) && err.code === 'NOT_FOUND'
}

/** Everything known about a file: local manifest and pin, providers in the swarm, replication. */
export async function fileInfo(
  backend: GatewayBackend,
  cidText: string,
  options: { baseUrl: string; lookupTimeoutMs: number; signal?: AbortSignal },
): Promise<FileDetails> {
  const cid = parseCid(cidText)
  const lookup = AbortSignal.any([
    AbortSignal.timeout(options.lookupTimeoutMs),
    ...(options.signal ? [options.signal] : []),
  ])
  const [local, providers] = await Promise.all([
    backend.storage.getFile(cid).catch((err) => {
      if (isNotFound(err)) return undefined
      throw err
    }),
    collectProviders(backend, cid, lookup),
  ])
  let summary: { name: string; mediaType: string; size: number; chunks: number } | undefined = local?.file
  if (!summary && providers.length > 0) {
    // Not stored here: ask the transfer service to resolve the manifest from a provider.
    summary = await backend.transfer.stat(cid, { signal: lookup, timeoutMs: options.lookupTimeoutMs })
  }
  if (!summary) {
    throw new NotFoundError(`no peer provides ${cid} (searched for ${options.lookupTimeoutMs / 1000} s)`)
  }
  return {
    cid,
    name: summary.name,
    mediaType: summary.mediaType,
    size: summary.size,
    chunks: summary.chunks,
    link: shareLink(options.baseUrl, cid),
    local: local !== undefined,
    pinned: local?.file.pinned ?? false,
    chunksLocal: local?.file.chunksLocal ?? 0,
    manifest: local?.manifest,
    providers,
    replication: providers.length,
  }
}

async function collectProviders(backend: GatewayBackend, cid: string, signal: AbortSignal) {
  const found: FileDetails['providers'] = []
  try {
    for await (const p of backend.dht.findProviders(cid, { limit: MAX_PROVIDERS, signal })) {
      if (!found.some((f) => f.peerId === p.peerId))
        found.push({ peerId: p.peerId, addresses: p.addresses, hops: p.hops })
    }
  } catch (err) {
    // A lookup cut short by the time bound still reports what it found.
    if (!signal.aborted && !isNotFound(err)) throw err
  }
  return found
}

/** One page of the files stored on this peer. */
export async function listFiles(
  backend: GatewayBackend,
  page: { cursor?: string; limit?: number },
  baseUrl: string,
): Promise<FilePage & { files: (StoredFile & { link: string })[] }> {
  const limit = page.limit ?? 50
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new InvalidArgumentError(`limit must be an integer from 1 to ${MAX_PAGE_SIZE}`)
  }
  const result = await backend.storage.listFiles({ cursor: page.cursor || undefined, limit })
  return { ...result, files: result.files.map((f) => ({ ...f, link: shareLink(baseUrl, f.cid) })) }
}

/** A peer as the console shows it: routing-table contact merged with exchange statistics. */
export interface PeerView {
  peerId: string
  addresses: string[]
  inRoutingTable: boolean
  bucketIndex?: number
  lastSeenMs?: number
  rttMs: number
  connected: boolean
  bytesIn: number
  bytesOut: number
  bytesInPerSecond: number
  bytesOutPerSecond: number
}

export async function listPeers(backend: GatewayBackend): Promise<{ self: string; peers: PeerView[] }> {
  const [table, stats] = await Promise.all([backend.dht.routingTable(), backend.transfer.peerStats()])
  const byId = new Map<string, PeerView>()
  for (const c of table.contacts) byId.set(c.peerId, fromContact(c))
  for (const s of stats.peers) {
    const view = byId.get(s.peerId) ?? emptyPeer(s.peerId, s.address ? [s.address] : [])
    byId.set(s.peerId, mergeStat(view, s))
  }
  return { self: table.selfPeerId, peers: [...byId.values()].sort((a, b) => a.peerId.localeCompare(b.peerId)) }
}

function emptyPeer(peerId: string, addresses: string[]): PeerView {
  return {
    peerId,
    addresses,
    inRoutingTable: false,
    rttMs: 0,
    connected: false,
    bytesIn: 0,
    bytesOut: 0,
    bytesInPerSecond: 0,
    bytesOutPerSecond: 0,
  }
}

function fromContact(c: Contact): PeerView {
  return {
    ...emptyPeer(c.peerId, c.addresses),
    inRoutingTable: true,
    bucketIndex: c.bucketIndex,
    lastSeenMs: c.lastSeenMs,
    rttMs: c.rttMs,
  }
}

function mergeStat(view: PeerView, s: PeerStat): PeerView {
  return {
    ...view,
    rttMs: s.rttMs || view.rttMs,
    connected: s.connected,
    bytesIn: s.bytesIn,
    bytesOut: s.bytesOut,
    bytesInPerSecond: s.bytesInPerSecond,
    bytesOutPerSecond: s.bytesOutPerSecond,
  }
}

export interface NodeStats {
  peerId: string
  storage: StorageStats
  dht: DhtStats
  transfers: { active: number }
}

export async function nodeStats(backend: GatewayBackend): Promise<NodeStats> {
  const [storage, dht, table, transfers] = await Promise.all([
    backend.storage.stats(),
    backend.dht.stats(),
    backend.dht.routingTable(),
    backend.transfer.listTransfers(false),
  ])
  return { peerId: table.selfPeerId, storage, dht, transfers: { active: transfers.length } }
}

export async function listTransfers(backend: GatewayBackend, includeFinished: boolean): Promise<TransferSummary[]> {
  return backend.transfer.listTransfers(includeFinished)
}

/** Pins a file; when it is not stored here yet, fetches it from the swarm first. */
export async function pinFile(backend: GatewayBackend, cidText: string): Promise<{ cid: string; pinned: true }> {
  const cid = parseCid(cidText)
  try {
    await backend.storage.pin(cid)
  } catch (err) {
    if (!isNotFound(err)) throw err
    await backend.transfer.replicate(cid, 0)
  }
  return { cid, pinned: true }
}

export async function unpinFile(backend: GatewayBackend, cidText: string): Promise<{ cid: string; pinned: false }> {
  const cid = parseCid(cidText)
  await backend.storage.unpin(cid)
  return { cid, pinned: false }
}

export async function replicateFile(
  backend: GatewayBackend,
  cidText: string,
  replicationFactor: number,
): Promise<{ cid: string; holders: string[] }> {
  const cid = parseCid(cidText)
  if (!Number.isInteger(replicationFactor) || replicationFactor < 0 || replicationFactor > 64) {
    throw new InvalidArgumentError('replicationFactor must be an integer from 0 to 64')
  }
  const { holders } = await backend.transfer.replicate(cid, replicationFactor)
  return { cid, holders }
}

/**
 * The manifest's dag-cbor bytes. When this peer does not hold it yet, the transfer service
 * resolves it from the swarm first (bounded by `lookupTimeoutMs`).
 */
export async function manifestBytes(
  backend: GatewayBackend,
  cidText: string,
  options: { lookupTimeoutMs: number; signal?: AbortSignal },
): Promise<Uint8Array> {
  const cid = parseCid(cidText)
  try {
    return await backend.storage.manifestBytes(cid)
  } catch (err) {
    if (!isNotFound(err)) throw err
  }
  // GetManifest resolves and stores it (an empty file has no first byte to read).
  if (backend.transfer.manifest)
    return backend.transfer.manifest(cid, { signal: options.signal, timeoutMs: options.lookupTimeoutMs })
  // Reading the first byte makes the transfer service start a download, which stores the manifest locally.
  const body = await backend.transfer.readFile(
    cid,
    { offset: 0, length: 1 },
    { timeoutMs: options.lookupTimeoutMs, signal: options.signal },
  )
  for await (const _ of body.data) {
    // drain the single byte
  }
  return backend.storage.manifestBytes(cid)
}
