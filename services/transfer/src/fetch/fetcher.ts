import { type VerifiedChunk, verifyChunk } from '@netswarm/chunk-store'
import type { Manifest } from '@netswarm/content'
import type { Clock, Logger, Timer } from '@netswarm/runtime'
import { NetSwarmError } from '@netswarm/runtime'
import { WireError, type WireSession } from '@netswarm/wire'
import type { CID } from 'multiformats/cid'
import { NoProvidersError } from '../errors.ts'
import type { TransferMetrics } from '../metrics.ts'
import type { PeerPool } from '../network.ts'
import type { PeerLedger } from '../peer-ledger.ts'
import type { ContentRouter, LocalStore, ProviderInfo } from '../ports.ts'
import type { ExchangeServer } from '../protocol/handlers.ts'
import { decodeMessage, encodeMessage } from '../protocol/messages.ts'
import { Bitfield } from '../scheduler/bitfield.ts'
import { type FetchCommand, type FetchEvent, FetchSession, type FetchSessionInit } from '../scheduler/fetch-session.ts'
import { Ewma } from '../scheduler/peer-stats.ts'

/**
 * The I/O shell of one download (STYLE.md 3.3): turns wire responses, session closes and clock
 * ticks into FetchSession events, and executes its commands. Every chunk is hashed against its CID
 * before anything else happens to it; only verified chunks are written, in small group commits.
 */

export type FetchState = 'resolving' | 'downloading' | 'done' | 'failed' | 'cancelled'

/** A snapshot of a download, for progress streams and the console. */
export interface FetchSnapshot {
  /** Set by the engine: the transfer this snapshot belongs to. */
  transferId?: string
  cid: string
  state: FetchState
  name: string
  mediaType: string
  bytesTotal: number
  /** Bytes held locally now (resumed + fetched). */
  bytesDone: number
  chunksTotal: number
  chunksDone: number
  /** Chunks that were already local when the download started. */
  chunksLocal: number
  sources: number
  bytesPerSecond: number
  verificationFailures: number
  peers: Array<{
    peerId: string
    address: string
    bytesReceived: number
    chunksReceived: number
    bytesPerSecond: number
    rttMs: number
    outstanding: number
    pipelineDepth: number
    strikes: number
    dropped: boolean
  }>
  error?: string
}

export interface FetcherComponents {
  pool: PeerPool
  store: LocalStore
  router: ContentRouter
  server: ExchangeServer
  ledger: PeerLedger
  metrics: TransferMetrics
  clock: Clock
  log: Logger
}

export interface FetcherInit {
  cid: CID
  manifest: Manifest
  /** Chunks already stored locally. */
  have: Bitfield
  /** Peers to try besides the router's providers (and the ones the manifest came from). */
  peers?: ProviderInfo[]
  /** Scheduler tuning (chunk sizes and `have` are filled in here). */
  session?: Omit<FetchSessionInit, 'chunkSizes' | 'have'>
  /** Interval of scheduler ticks (timeouts, progress). @default 100 */
  tickMs?: number
  /** Fail when no chunk arrived and no peer was usable for this long. @default 60000 */
  noProgressTimeoutMs?: number
  /**
   * Resolves once the manifest is recorded in the local store: chunks are requested at once but
   * none is stored, and the download does not finish, before it (a rejection fails the download).
   */
  recorded?: Promise<void>
}

/** Verified chunks buffered before one group commit; bounds memory to a few chunks. */
const MAX_WRITE_BATCH = 16
/** Unwritten verified bytes above which no new requests go out (memory bound under a slow disk). */
const MAX_PENDING_WRITE_BYTES = 8 * 1024 * 1024

export class Fetcher {
  readonly #c: FetcherComponents
  readonly #init: FetcherInit
  readonly #session: FetchSession
  readonly #stored: Bitfield
  readonly #chunksLocal: number
  readonly #requests = new Map<string, AbortController>()
  readonly #sessions = new Map<string, WireSession>()
  readonly #addresses = new Map<string, string>()
  readonly #known = new Set<string>()
  readonly #waiters = new Map<number, Array<() => void>>()
  readonly #progress = new Set<(s: FetchSnapshot) => void>()
  readonly #events: FetchEvent[] = []
  #advancing = false
  #pending: Array<{ index: number; chunk: VerifiedChunk }> = []
  #pendingBytes = 0
  #writeBackpressure = false
  #flushing: Promise<void> | undefined
  #state: FetchState = 'downloading'
  #error: Error | undefined
  #timer: Timer | undefined
  #lastProgressAt: number
  #rate = new Ewma(0.3)
  #rateWindowBytes = 0
  #rateWindowStart: number
  #unsubscribe: () => void
  #resolve!: () => void
  #reject!: (err: Error) => void
  /** Resolves once every chunk is verified and stored; rejects on failure or cancel. */
  readonly done: Promise<void>

  constructor(components: FetcherComponents, init: FetcherInit) {
    this.#c = components
    this.#init = init
    this.#stored = new Bitfield(init.have.size, init.have.bytes)
    this.#chunksLocal = init.have.count
    this.#session = new FetchSession({
      ...init.session,
      chunkSizes: init.manifest.chunks.map((c) => c.size),
      have: init.have,
    })
    this.#lastProgressAt = this.#rateWindowStart = components.clock.now()
    this.done = new Promise<void>((resolve, reject) => {
      this.#resolve = resolve
      this.#reject = reject
    })
    this.done.catch(() => {})
    this.#unsubscribe = components.pool.onClose((peerId, session) => {
      if (this.#sessions.get(peerId) !== session) return
      this.#sessions.delete(peerId)
      this.#feed({ type: 'peer-disconnected', peer: peerId, now: this.#c.clock.now() })
    })
  }

  get cid(): CID {
    return this.#init.cid
  }

  get manifest(): Manifest {
    return this.#init.manifest
  }

  get state(): FetchState {
    return this.#state
  }

  /** Starts discovery and the tick loop. */
  start(): void {
    this.#feed({ type: 'tick', now: this.#c.clock.now() })
    if (this.#state !== 'downloading') return
    this.#schedule()
    for (const p of this.#init.peers ?? []) void this.#addProvider(p)
    void this.#discover()
  }

  /** Subscribes to progress snapshots (every tick and at the end). */
  onProgress(fn: (s: FetchSnapshot) => void): () => void {
    this.#progress.add(fn)
    return () => this.#progress.delete(fn)
  }

  /** Resolves once chunk `index` is stored locally (rejects if the download fails first). */
  chunkStored(index: number): Promise<void> {
    if (this.#stored.has(index)) return Promise.resolve()
    if (this.#state !== 'downloading')
      return Promise.reject(this.#error ?? new NetSwarmError('CANCELLED', 'download stopped'))
    return new Promise<void>((resolve, reject) => {
      let list = this.#waiters.get(index)
      if (!list) this.#waiters.set(index, (list = []))
      list.push(resolve)
      this.done.catch(reject)
    })
  }

  /** A reader streams from chunk `index`: fetch the chunks from there on first. */
  setPriority(index: number | undefined): void {
    this.#feed({ type: 'set-priority', chunk: index, now: this.#c.clock.now() })
  }

  /** A peer we asked for a bitfield announced one more chunk. */
  onHave(peerId: string, chunk: number): void {
    if (this.#sessions.has(peerId)) this.#feed({ type: 'have', peer: peerId, chunk, now: this.#c.clock.now() })
  }

  /** Offers another provider (e.g. a peer that announced itself). */
  addProvider(provider: ProviderInfo): void {
    void this.#addProvider(provider)
  }

  cancel(reason = 'cancelled'): void {
    this.#stop('cancelled', new NetSwarmError('CANCELLED', reason))
  }

  snapshot(): FetchSnapshot {
    const m = this.#init.manifest
    let bytesDone = 0
    for (let i = 0; i < m.chunks.length; i++) if (this.#stored.has(i)) bytesDone += m.chunks[i].size
    const peers = this.#session.peers()
    return {
      cid: this.#init.cid.toString(),
      state: this.#state,
      name: m.name,
      mediaType: m.mediaType,
      bytesTotal: m.size,
      bytesDone,
      chunksTotal: m.chunks.length,
      chunksDone: this.#stored.count,
      chunksLocal: this.#chunksLocal,
      sources: peers.filter((p) => !p.dropped).length,
      bytesPerSecond: this.#rate.value ?? 0,
      verificationFailures: this.#session.verificationFailures,
      peers: peers.map((p) => ({
        peerId: p.peer,
        address: this.#addresses.get(p.peer) ?? '',
        bytesReceived: p.bytesReceived,
        chunksReceived: p.chunksReceived,
        bytesPerSecond: (p.bytesPerMs ?? 0) * 1000,
        rttMs: p.rttMs,
        outstanding: p.outstanding,
        pipelineDepth: p.pipelineDepth,
        strikes: p.strikes,
        dropped: p.dropped !== undefined,
      })),
      error: this.#error?.message,
    }
  }

  // ---- discovery ----------------------------------------------------------------------------

  async #discover(): Promise<void> {
    try {
      for await (const provider of this.#c.router.findProviders(this.#init.cid, { limit: 20 })) {
        if (this.#state !== 'downloading') return
        void this.#addProvider(provider)
      }
    } catch (err) {
      this.#c.log.debug({ err, cid: String(this.#init.cid) }, 'provider lookup failed')
    }
  }

  async #addProvider(provider: ProviderInfo): Promise<void> {
    if (this.#state !== 'downloading' || provider.peerId === this.#c.pool.peerId) return
    if (provider.peerId && this.#sessions.has(provider.peerId)) return
    const key = provider.peerId || provider.addresses.join(',')
    if (this.#known.has(key)) return
    this.#known.add(key)
    try {
      const session = await this.#c.pool.connect(provider)
      const peerId = String(session.remotePeerId)
      if (this.#state !== 'downloading' || this.#sessions.has(peerId) || peerId === this.#c.pool.peerId) return
      this.#sessions.set(peerId, session)
      this.#addresses.set(peerId, provider.addresses[0] ?? session.remoteAddress)
      this.#feed({ type: 'peer-found', peer: peerId, rttMs: session.rttMs, now: this.#c.clock.now() })
      const reply = decodeMessage(
        await session.request(encodeMessage({ type: 'HAVE_REQUEST', manifest: this.#init.cid })),
      )
      if (reply.type !== 'BITFIELD' || reply.chunkCount !== this.#init.manifest.chunks.length) {
        throw new NetSwarmError('FAILED_PRECONDITION', `peer answered ${reply.type} to a bitfield request`)
      }
      this.#feed({ type: 'bitfield', peer: peerId, has: reply.has, now: this.#c.clock.now() })
    } catch (err) {
      this.#known.delete(key)
      this.#c.log.debug({ err, peer: provider.peerId, addresses: provider.addresses }, 'provider unusable')
    }
  }

  // ---- the state machine loop ---------------------------------------------------------------

  /** Feeds events one at a time even when a command's execution produces another event. */
  #feed(event: FetchEvent): void {
    if (this.#state !== 'downloading') return
    this.#events.push(event)
    if (this.#advancing) return
    this.#advancing = true
    try {
      for (let e = this.#events.shift(); e; e = this.#events.shift()) {
        for (const command of this.#session.advance(e)) this.#execute(command)
        if (this.#state !== 'downloading') break
      }
    } finally {
      this.#advancing = false
    }
  }

  #execute(command: FetchCommand): void {
    switch (command.type) {
      case 'request-chunk':
        this.#request(command.peer, command.chunk, command.deadline)
        break
      case 'cancel-request': {
        const key = `${command.peer}/${command.chunk}`
        this.#requests.get(key)?.abort()
        this.#requests.delete(key)
        break
      }
      case 'drop-peer':
        this.#c.log.info({ peer: command.peer, reason: command.reason, cid: String(this.#init.cid) }, 'dropping peer')
        for (const [key, ctrl] of this.#requests) {
          if (key.startsWith(`${command.peer}/`)) {
            ctrl.abort()
            this.#requests.delete(key)
          }
        }
        this.#sessions.delete(command.peer)
        break
      case 'find-more-peers':
        this.#known.clear()
        for (const p of this.#init.peers ?? []) void this.#addProvider(p)
        void this.#discover()
        break
      case 'done':
        void this.#finish()
        break
    }
  }

  #request(peer: string, chunk: number, deadline: number): void {
    const session = this.#sessions.get(peer)
    const now = this.#c.clock.now()
    if (!session) {
      queueMicrotask(() => this.#feed({ type: 'request-failed', peer, chunk, reason: 'error', now }))
      return
    }
    const key = `${peer}/${chunk}`
    const ctrl = new AbortController()
    this.#requests.set(key, ctrl)
    const cid = this.#init.manifest.chunks[chunk].cid
    // The scheduler's deadline governs; the wire timeout is only a backstop.
    const timeoutMs = Math.max(1000, deadline - now) + 5000
    session.request(encodeMessage({ type: 'CHUNK_REQUEST', cid }), { signal: ctrl.signal, timeoutMs }).then(
      (body) => {
        if (this.#requests.get(key) !== ctrl) return
        this.#requests.delete(key)
        this.#onResponse(peer, chunk, cid, body)
      },
      (err: unknown) => {
        if (this.#requests.get(key) !== ctrl) return
        this.#requests.delete(key)
        // A closed session is reported once, by the pool's close listener.
        if (err instanceof WireError && err.wireCode === 'CONNECTION_CLOSED') return
        const reason = err instanceof WireError && err.code === 'RESOURCE_EXHAUSTED' ? 'busy' : 'error'
        this.#feed({ type: 'request-failed', peer, chunk, reason, now: this.#c.clock.now() })
      },
    )
  }

  #onResponse(peer: string, chunk: number, cid: CID, body: Uint8Array): void {
    const now = this.#c.clock.now()
    let msg: ReturnType<typeof decodeMessage>
    try {
      msg = decodeMessage(body)
    } catch {
      msg = { type: 'ERROR', code: 'BAD_REQUEST', message: 'undecodable response' }
    }
    if (msg.type === 'ERROR') {
      const reason = msg.code === 'NOT_FOUND' ? 'not-found' : msg.code === 'BUSY' ? 'busy' : 'error'
      this.#feed({ type: 'request-failed', peer, chunk, reason, now })
      return
    }
    // Verify before anything else: a wrong CID echo or wrong bytes both count as a bad chunk.
    if (msg.type !== 'CHUNK_RESPONSE' || !msg.cid.equals(cid)) {
      this.#onVerified(peer, chunk, cid, undefined, now)
      return
    }
    // Hash in place, synchronously: webcrypto's thread-pool digest first copies the chunk on this
    // thread, which cost more CPU than the hash itself (measured; docs/transfer.md#performance).
    let verified: VerifiedChunk | undefined
    try {
      verified = verifyChunk(cid, msg.bytes)
    } catch {
      verified = undefined
    }
    this.#onVerified(peer, chunk, cid, verified, now, msg.bytes.length)
  }

  /** `verified` is set when the chunk hashed to its CID. */
  #onVerified(peer: string, chunk: number, cid: CID, verified: VerifiedChunk | undefined, now: number, size = 0): void {
    if (this.#state !== 'downloading') return
    if (!verified) {
      this.#c.ledger.badChunk(peer)
      this.#c.metrics.verificationFailures.inc({ peer })
      this.#c.log.warn({ peer, chunk, cid: String(cid) }, 'chunk failed verification')
      this.#feed({ type: 'chunk-received', peer, chunk, bytes: size, verified: false, now })
      return
    }
    this.#c.ledger.received(peer, size)
    this.#c.metrics.bytesReceived.inc({ peer }, size)
    this.#c.metrics.chunksReceived.inc()
    this.#lastProgressAt = now
    if (!this.#session.isDone(chunk)) {
      this.#rateWindowBytes += size
      this.#pending.push({ index: chunk, chunk: verified })
      this.#pendingBytes += size
      if (!this.#writeBackpressure && this.#pendingBytes > MAX_PENDING_WRITE_BYTES) {
        this.#writeBackpressure = true
        this.#feed({ type: 'storage-busy', busy: true, now })
      }
      this.#flush()
    }
    this.#feed({ type: 'chunk-received', peer, chunk, bytes: size, verified: true, now })
  }

  // ---- storage ------------------------------------------------------------------------------

  /** Group commit: one write transaction at a time, taking every chunk verified meanwhile. */
  #flush(): Promise<void> {
    this.#flushing ??= (async () => {
      try {
        await this.#init.recorded
        while (this.#pending.length > 0 && this.#state !== 'failed' && this.#state !== 'cancelled') {
          const batch = this.#pending.splice(0, MAX_WRITE_BATCH)
          await this.#c.store.putChunks(batch.map(({ chunk }) => chunk))
          for (const { chunk } of batch) this.#pendingBytes -= chunk.bytes.length
          if (this.#writeBackpressure && this.#pendingBytes <= MAX_PENDING_WRITE_BYTES / 2) {
            this.#writeBackpressure = false
            this.#feed({ type: 'storage-busy', busy: false, now: this.#c.clock.now() })
          }
          for (const { index } of batch) {
            this.#stored.set(index)
            this.#c.server.announceHave(this.#init.cid, index)
            const waiters = this.#waiters.get(index)
            this.#waiters.delete(index)
            for (const w of waiters ?? []) w()
          }
        }
      } catch (err) {
        this.#stop('failed', err instanceof Error ? err : new Error(String(err)))
      } finally {
        this.#flushing = undefined
      }
    })()
    return this.#flushing
  }

  async #finish(): Promise<void> {
    try {
      await this.#init.recorded
    } catch (err) {
      this.#stop('failed', err instanceof Error ? err : new Error(String(err)))
      return
    }
    while (this.#pending.length > 0 || this.#flushing) await this.#flush()
    if (this.#state !== 'downloading') return
    this.#state = 'done'
    this.#cleanup()
    this.#emit()
    this.#resolve()
  }

  // ---- ticks and the end --------------------------------------------------------------------

  #schedule(): void {
    this.#timer = this.#c.clock.setTimeout(() => this.#tick(), this.#init.tickMs ?? 100)
    this.#timer.unref?.()
  }

  #tick(): void {
    if (this.#state !== 'downloading') return
    const now = this.#c.clock.now()
    this.#feed({ type: 'tick', now })
    if (now - this.#rateWindowStart >= 500) {
      this.#rate.update((this.#rateWindowBytes * 1000) / (now - this.#rateWindowStart))
      this.#rateWindowBytes = 0
      this.#rateWindowStart = now
    }
    for (const [peer, session] of this.#sessions) {
      if (session.rttMs !== undefined) this.#feed({ type: 'rtt', peer, rttMs: session.rttMs, now })
    }
    const live = this.#session.peers().filter((p) => !p.dropped).length
    if (live === 0 && now - this.#lastProgressAt > (this.#init.noProgressTimeoutMs ?? 60_000)) {
      this.#stop(
        'failed',
        new NoProvidersError(`no peer could serve ${this.#init.cid}; try again when a provider is online`),
      )
      return
    }
    if (live > 0) this.#lastProgressAt = Math.max(this.#lastProgressAt, now - 1)
    this.#emit()
    if (this.#state === 'downloading') this.#schedule()
  }

  #stop(state: 'failed' | 'cancelled', err: Error): void {
    if (this.#state !== 'downloading') return
    this.#state = state
    this.#error = err
    this.#cleanup()
    this.#emit()
    this.#reject(err)
  }

  #cleanup(): void {
    if (this.#timer) this.#c.clock.clearTimeout(this.#timer)
    for (const ctrl of this.#requests.values()) ctrl.abort()
    this.#requests.clear()
    this.#unsubscribe()
  }

  #emit(): void {
    if (this.#progress.size === 0) return
    const snapshot = this.snapshot()
    for (const fn of this.#progress) fn(snapshot)
  }
}
