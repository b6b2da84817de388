import { randomUUID } from 'node:crypto'
import { decodeManifest, parseCid } from '@netswarm/content'
import type { PeerIdentity } from '@netswarm/identity'
import { type Clock, InvalidArgumentError, type Logger, NetSwarmError } from '@netswarm/runtime'
import type { WireLimits, WireSession } from '@netswarm/wire'
import type { CID } from 'multiformats/cid'
import { Fetcher, type FetcherInit, type FetchSnapshot } from './fetch/fetcher.ts'
import { resolveManifest } from './fetch/manifest-resolver.ts'
import type { TransferMetrics } from './metrics.ts'
import { PeerPool } from './network.ts'
import { PeerLedger, type PeerRecord } from './peer-ledger.ts'
import type { ContentRouter, LocalStore, ProviderInfo } from './ports.ts'
import { ExchangeServer } from './protocol/handlers.ts'
import { type PublishOptions, type PublishResult, publishFile } from './publish.ts'
import { Replicator } from './replication/replicator.ts'
import { Bitfield } from './scheduler/bitfield.ts'

/** What the transfer engine needs from its host process. */
export interface TransferEngineComponents {
  identity: PeerIdentity
  store: LocalStore
  router: ContentRouter
  metrics: TransferMetrics
  clock: Clock
  log: Logger
}

/** Engine settings; everything but the listen address has a default. */
export interface TransferEngineInit {
  /** Wire listener. */
  host: string
  port: number
  /** Upload slots of the serving side. @default 8 */
  uploadSlots?: number
  /** Chunk requests one peer may queue with us. @default 64 */
  perPeerQueue?: number
  /** Providers each published or replicated file should have. @default 3 */
  replicationFactor?: number
  /** Interval of the repair loop; 0 disables it. @default 60000 */
  repairIntervalMs?: number
  wireLimits?: Partial<WireLimits>
  /** Private swarm secret, 32 bytes (docs/protocol.md#private-swarms); absent = the public swarm. */
  swarmKey?: Uint8Array
  /** Passed to every download (scheduler tuning, tick interval, no-progress timeout). */
  fetch?: Pick<FetcherInit, 'session' | 'tickMs' | 'noProgressTimeoutMs'>
}

export type TransferKind = 'fetch' | 'replicate' | 'publish'

/** One row of ListTransfers. */
export interface TransferSummary extends FetchSnapshot {
  transferId: string
  kind: TransferKind
  startedAt: number
  finishedAt: number | undefined
}

interface Active {
  transferId: string
  kind: TransferKind
  fetcher: Fetcher
  startedAt: number
  finishedAt: number | undefined
  pin: boolean
}

/** Finished transfers kept for ListTransfers(include_finished). */
const FINISHED_KEPT = 50

/**
 * The transfer engine of one peer: the wire endpoint, the serving side, downloads, publish and
 * replication. `createTransferService` wraps it with gRPC, health and metrics.
 */
export class TransferEngine {
  readonly #c: TransferEngineComponents
  readonly #init: TransferEngineInit
  readonly ledger: PeerLedger
  readonly server: ExchangeServer
  readonly pool: PeerPool
  readonly replicator: Replicator
  readonly #active = new Map<string, Active>()
  readonly #finished: Active[] = []
  /** Downloads being set up (manifest lookup), so concurrent starts of one CID share them. */
  readonly #starting = new Map<string, Promise<Active>>()

  constructor(components: TransferEngineComponents, init: TransferEngineInit) {
    this.#c = components
    this.#init = init
    this.ledger = new PeerLedger(components.clock.now())
    this.server = new ExchangeServer(
      {
        store: components.store,
        log: components.log.child({ component: 'transfer:serve' }),
        metrics: components.metrics,
        ledger: this.ledger,
        onReplicate: (cid, session) => this.#onReplicateRequest(cid, session),
        onHave: (cid, chunk, session) =>
          this.#active.get(cid.toString())?.fetcher.onHave(String(session.remotePeerId), chunk),
      },
      { uploadSlots: init.uploadSlots, perPeerQueue: init.perPeerQueue },
    )
    this.pool = new PeerPool(
      {
        identity: components.identity,
        server: this.server,
        ledger: this.ledger,
        clock: components.clock,
        log: components.log,
      },
      { host: init.host, port: init.port, limits: init.wireLimits, swarmKey: init.swarmKey },
    )
    this.replicator = new Replicator(
      {
        engine: this,
        pool: this.pool,
        store: components.store,
        router: components.router,
        clock: components.clock,
        log: components.log.child({ component: 'transfer:replication' }),
      },
      { replicationFactor: init.replicationFactor ?? 3, repairIntervalMs: init.repairIntervalMs ?? 60_000 },
    )
  }

  get peerId(): string {
    return this.pool.peerId
  }

  /** `host:port` of the wire listener. */
  get address(): string {
    return this.pool.address
  }

  async start(): Promise<void> {
    await this.pool.start()
    this.replicator.start()
    void this.#resumePinned()
  }

  /**
   * Restarts the downloads of pinned files that are incomplete (a fetch with `pin`, or a replica,
   * interrupted by a crash or restart). Stored chunks are kept, so only the missing ones are fetched.
   */
  async #resumePinned(): Promise<void> {
    try {
      for (const cid of await this.#c.store.listPinned()) {
        const bytes = await this.#c.store.getManifest(cid)
        if (!bytes) continue
        const chunks = decodeManifest(bytes).chunks
        const present = await this.#c.store.hasChunks(chunks.map((c) => c.cid))
        const missing = present.filter((p) => !p).length
        if (missing === 0) continue
        this.#c.log.info({ cid: cid.toString(), missing, total: chunks.length }, 'resuming download')
        const active = await this.#start(cid, { pin: true })
        active.fetcher.done.catch((err) => this.#c.log.warn({ err, cid: cid.toString() }, 'resumed download failed'))
      }
    } catch (err) {
      this.#c.log.warn({ err }, 'could not resume pinned downloads')
    }
  }

  async stop(): Promise<void> {
    this.replicator.stop()
    for (const a of this.#active.values()) a.fetcher.cancel('transfer service stopping')
    await this.pool.stop()
  }

  /**
   * Downloads a file and yields progress snapshots until it is complete (the last one has state
   * `done`); throws a NetSwarmError when it fails. Joins a running download of the same CID.
   */
  async *fetch(
    cidText: string | CID,
    options: { pin?: boolean; peers?: ProviderInfo[]; signal?: AbortSignal; kind?: TransferKind } = {},
  ): AsyncGenerator<FetchSnapshot> {
    const active = await this.#start(cidText, options)
    const queue: FetchSnapshot[] = []
    let wake: (() => void) | undefined
    const unsubscribe = active.fetcher.onProgress((s) => {
      // Keep only the newest snapshot when the consumer is slower than the ticks.
      if (queue.length > 0 && queue[queue.length - 1].state === 'downloading') queue.pop()
      queue.push(s)
      wake?.()
    })
    const onAbort = () => wake?.()
    options.signal?.addEventListener('abort', onAbort)
    try {
      const tag = (s: FetchSnapshot): FetchSnapshot => ({ ...s, transferId: active.transferId })
      yield tag(active.fetcher.snapshot())
      for (;;) {
        options.signal?.throwIfAborted()
        const s = queue.shift()
        if (!s) {
          if (active.fetcher.state !== 'downloading' && queue.length === 0) break
          await new Promise<void>((resolve) => (wake = resolve))
          wake = undefined
          continue
        }
        yield tag(s)
        if (s.state !== 'downloading') break
      }
      await active.fetcher.done
    } finally {
      unsubscribe()
      options.signal?.removeEventListener('abort', onAbort)
    }
  }

  /** Downloads a file and resolves with the final snapshot. */
  async fetchFile(cid: string | CID, options: { pin?: boolean; peers?: ProviderInfo[]; signal?: AbortSignal } = {}) {
    const active = await this.#start(cid, options)
    await active.fetcher.done
    return active.fetcher.snapshot()
  }

  /**
   * A file's verified bytes in order (optionally a range), fetching what is missing while it
   * streams: the download's scheduler is told to fetch from the reader's position first. One
   * chunk is held in memory at a time.
   */
  async *readFile(
    cidText: string | CID,
    options: { offset?: number; length?: number; peers?: ProviderInfo[]; signal?: AbortSignal } = {},
  ): AsyncGenerator<
    | { info: { cid: string; name: string; mediaType: string; size: number; chunks: number } }
    | { data: Uint8Array; offset: number }
  > {
    const cid = toCid(cidText)
    const resolved = await resolveManifest(this.#resolveComponents(), cid, options)
    const { manifest } = resolved
    yield {
      info: {
        cid: cid.toString(),
        name: manifest.name,
        mediaType: manifest.mediaType,
        size: manifest.size,
        chunks: manifest.chunks.length,
      },
    }
    const start = Math.min(options.offset ?? 0, manifest.size)
    const end = options.length ? Math.min(manifest.size, start + options.length) : manifest.size
    let chunkStart = 0
    let fetcher: Fetcher | undefined
    for (let i = 0; i < manifest.chunks.length && chunkStart < end; i++) {
      const ref = manifest.chunks[i]
      const chunkEnd = chunkStart + ref.size
      if (chunkEnd > start) {
        options.signal?.throwIfAborted()
        let bytes = await this.#c.store.getChunk(ref.cid)
        if (!bytes) {
          fetcher ??= (await this.#start(cid, { peers: [...(options.peers ?? []), ...resolved.sources] })).fetcher
          fetcher.setPriority(i)
          await fetcher.chunkStored(i)
          bytes = await this.#c.store.getChunk(ref.cid)
          if (!bytes) throw new NetSwarmError('INTERNAL', `chunk ${ref.cid} vanished after it was stored`)
        }
        const from = Math.max(start, chunkStart) - chunkStart
        const to = Math.min(end, chunkEnd) - chunkStart
        yield { data: bytes.subarray(from, to), offset: chunkStart + from }
      }
      chunkStart = chunkEnd
    }
    fetcher?.setPriority(undefined)
  }

  /**
   * A file's manifest bytes and summary: local, or fetched from providers, verified and stored
   * (unpinned, chunks may be missing) so a following read or download needs no second lookup.
   */
  async getManifest(
    cidText: string | CID,
    options: { peers?: ProviderInfo[]; signal?: AbortSignal } = {},
  ): Promise<{
    bytes: Uint8Array
    info: { cid: string; name: string; mediaType: string; size: number; chunks: number }
  }> {
    const cid = toCid(cidText)
    const resolved = await resolveManifest(this.#resolveComponents(), cid, options)
    if (!resolved.local) {
      await this.#c.store.putManifest(cid, resolved.bytes, { pin: false, allowMissingChunks: true })
    }
    const m = resolved.manifest
    return {
      bytes: resolved.bytes,
      info: { cid: cid.toString(), name: m.name, mediaType: m.mediaType, size: m.size, chunks: m.chunks.length },
    }
  }

  /** Chunks, stores and announces a file, then asks peers to replicate it (in the background). */
  async publish(source: AsyncIterable<Uint8Array>, options: PublishOptions): Promise<PublishResult> {
    const result = await publishFile(
      { store: this.#c.store, router: this.#c.router, replicator: this.replicator, log: this.#c.log },
      source,
      { ...options, replicationFactor: options.replicationFactor || this.replicator.replicationFactor },
    )
    this.server.rememberManifest(result.cid, result.chunkCids)
    return result
  }

  /** Running (and, when asked, recently finished) transfers. */
  listTransfers(includeFinished = false): TransferSummary[] {
    const rows = [...this.#active.values(), ...(includeFinished ? this.#finished : [])]
    return rows.map((a) => ({
      ...a.fetcher.snapshot(),
      transferId: a.transferId,
      kind: a.kind,
      startedAt: a.startedAt,
      finishedAt: a.finishedAt,
    }))
  }

  /** Lifetime per-peer traffic and the serving side's slot usage. */
  peerStats(): { peers: PeerRecord[]; uploadSlots: number; uploadSlotsBusy: number } {
    this.ledger.sample(this.#c.clock.now())
    for (const p of this.ledger.list()) this.#c.metrics.peerThroughput.set({ peer: p.peerId }, p.bytesInPerSecond)
    return {
      peers: this.ledger.list(),
      uploadSlots: this.server.uploadSlots,
      uploadSlotsBusy: this.server.uploadSlotsBusy,
    }
  }

  /** Starts (or joins) the download of `cid`; concurrent callers share one download. */
  async #start(
    cidText: string | CID,
    options: { pin?: boolean; peers?: ProviderInfo[]; signal?: AbortSignal; kind?: TransferKind },
  ): Promise<Active> {
    const cid = toCid(cidText)
    const key = cid.toString()
    const running = this.#active.get(key) ?? (await this.#starting.get(key)?.catch(() => undefined))
    if (running && this.#active.get(key) === running) {
      if (options.pin && !running.pin) {
        running.pin = true
        void running.fetcher.done.then(() => this.#pin(cid))
      }
      return running
    }
    const starting = this.#create(cid, options).finally(() => this.#starting.delete(key))
    this.#starting.set(key, starting)
    return starting
  }

  async #create(
    cid: CID,
    options: { pin?: boolean; peers?: ProviderInfo[]; signal?: AbortSignal; kind?: TransferKind },
  ): Promise<Active> {
    const key = cid.toString()
    const resolved = await resolveManifest(this.#resolveComponents(), cid, options)
    // The manifest is recorded (pinned if asked) before any chunk is stored, which makes the download
    // resumable after a restart and its chunks safe from GC; the requests do not wait for it.
    const recorded =
      !resolved.local || options.pin
        ? this.#c.store.putManifest(cid, resolved.bytes, { pin: options.pin ?? false, allowMissingChunks: true })
        : Promise.resolve()
    recorded.catch(() => {}) // awaited below, once the fetcher is running
    const chunks = resolved.manifest.chunks
    const present = await this.#c.store.hasChunks(chunks.map((c) => c.cid))
    const have = new Bitfield(chunks.length)
    present.forEach((p, i) => {
      if (p) have.set(i)
    })
    const fetcher = new Fetcher(
      {
        pool: this.pool,
        store: this.#c.store,
        router: this.#c.router,
        server: this.server,
        ledger: this.ledger,
        metrics: this.#c.metrics,
        clock: this.#c.clock,
        log: this.#c.log.child({ component: 'transfer:fetch', cid: key }),
      },
      {
        ...this.#init.fetch,
        cid,
        manifest: resolved.manifest,
        have,
        peers: [...(options.peers ?? []), ...resolved.sources],
        recorded,
      },
    )
    fetcher.start()
    try {
      await recorded
    } catch (err) {
      fetcher.cancel('the manifest could not be recorded')
      throw err
    }
    const active: Active = {
      transferId: randomUUID(),
      kind: options.kind ?? 'fetch',
      fetcher,
      startedAt: Date.now(),
      finishedAt: undefined,
      pin: options.pin ?? false,
    }
    this.#active.set(key, active)
    this.#c.metrics.activeTransfers.inc()
    const settle = () => {
      this.#active.delete(key)
      this.#c.metrics.activeTransfers.dec()
      active.finishedAt = Date.now()
      this.#finished.unshift(active)
      this.#finished.length = Math.min(this.#finished.length, FINISHED_KEPT)
    }
    fetcher.done.then(() => {
      settle()
      this.server.rememberManifest(
        cid,
        chunks.map((c) => c.cid),
      )
      // A complete copy makes this peer a provider.
      this.#c.router.provide(cid).catch((err) => this.#c.log.debug({ err, cid: key }, 'provide failed'))
    }, settle)
    return active
  }

  async #pin(cid: CID): Promise<void> {
    const bytes = await this.#c.store.getManifest(cid)
    if (bytes) await this.#c.store.putManifest(cid, bytes, { pin: true, allowMissingChunks: true })
  }

  #onReplicateRequest(cid: CID, session: WireSession): Promise<boolean> {
    const peer: ProviderInfo = { peerId: String(session.remotePeerId), addresses: [] }
    this.#c.log.info({ cid: cid.toString(), from: peer.peerId }, 'replication requested')
    return this.#start(cid, { pin: true, kind: 'replicate', peers: [peer] })
      .then((a) => a.fetcher.done)
      .then(
        () => true,
        (err) => {
          this.#c.log.warn({ err, cid: cid.toString() }, 'replication failed')
          return false
        },
      )
  }

  #resolveComponents() {
    return { store: this.#c.store, router: this.#c.router, pool: this.pool, log: this.#c.log }
  }
}

function toCid(cid: string | CID): CID {
  if (typeof cid !== 'string') return cid
  try {
    return parseCid(cid)
  } catch (err) {
    throw new InvalidArgumentError(`${cid} is not a valid CID: ${(err as Error).message}`, { cause: err })
  }
}
