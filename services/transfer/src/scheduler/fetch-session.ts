import { Bitfield } from './bitfield.ts'
import { pickEndgameChunk } from './endgame.ts'
import { PeerStats } from './peer-stats.ts'
import { PiecePicker } from './piece-picker.ts'
import { pipelineDepth, requestTimeoutMs } from './pipeline.ts'
import { createRng } from './rng.ts'

/**
 * The download state machine of one file (STYLE.md 3.3): pure and synchronous, no sockets, no
 * timers, no `Date.now()`. The shell (network layer) feeds it events that carry `now` and executes
 * the commands it returns. Chunks are named by their index in the manifest; peers by their peer ID
 * string.
 */

/** Why a request did not produce a chunk. */
export type RequestFailure =
  /** The peer does not have the chunk after all (its bitfield was stale). */
  | 'not-found'
  /** The peer's upload queue is full; try again a little later. */
  | 'busy'
  /** Any other failure (protocol error, aborted stream). */
  | 'error'

export type FetchEvent =
  | { type: 'peer-found'; peer: string; now: number; rttMs?: number }
  /** The chunks a peer has; `all` for a seeder. Replaces what was known. */
  | { type: 'bitfield'; peer: string; has: Bitfield | 'all'; now: number }
  /** A peer got one more chunk. */
  | { type: 'have'; peer: string; chunk: number; now: number }
  /** A chunk arrived; `verified` says whether its bytes hash to the CID in the manifest. */
  | { type: 'chunk-received'; peer: string; chunk: number; bytes: number; verified: boolean; now: number }
  | { type: 'request-failed'; peer: string; chunk: number; reason: RequestFailure; now: number }
  | { type: 'peer-disconnected'; peer: string; now: number }
  | { type: 'rtt'; peer: string; rttMs: number; now: number }
  /**
   * The shell's write path is behind (verified chunks waiting for storage): while `busy`, no new
   * requests are issued, so memory stays bounded whatever the disk does.
   */
  | { type: 'storage-busy'; busy: boolean; now: number }
  /** A streaming reader is at `chunk`: fetch from there on first. Undefined clears it. */
  | { type: 'set-priority'; chunk: number | undefined; now: number }
  | { type: 'tick'; now: number }

export type FetchCommand =
  | { type: 'request-chunk'; peer: string; chunk: number; deadline: number }
  | { type: 'cancel-request'; peer: string; chunk: number }
  | { type: 'drop-peer'; peer: string; reason: DropReason }
  | { type: 'find-more-peers' }
  | { type: 'done' }

export type DropReason = 'bad-chunks' | 'stalled'

/** Tuning of a fetch session; every field has a default. */
export interface FetchSessionInit {
  /** Size in bytes of each chunk of the manifest, in order. */
  chunkSizes: readonly number[]
  /** Chunks already held locally (resume); they are never requested. */
  have?: Bitfield
  /** Seed of the tie-breaking Rng. @default 1 */
  seed?: number
  /** Chunks failing verification before a peer is dropped for the rest of the download. @default 3 */
  maxStrikes?: number
  /** Consecutive timeouts before a peer is dropped as stalled. @default 3 */
  maxTimeouts?: number
  /** Floor of a request's timeout. @default 10000 */
  minRequestTimeoutMs?: number
  /** Least time between two find-more-peers commands. @default 5000 */
  findPeersIntervalMs?: number
  /** Pause after a peer said it is busy. @default 50 */
  busyBackoffMs?: number
}

/** What the console shows about one peer of a session. */
export interface PeerView {
  peer: string
  outstanding: number
  pipelineDepth: number
  bytesPerMs: number | undefined
  rttMs: number
  bytesReceived: number
  chunksReceived: number
  strikes: number
  dropped: DropReason | undefined
}

interface PendingRequest {
  readonly sentAt: number
  readonly deadline: number
  readonly pipelineWasEmpty: boolean
}

interface PeerState {
  readonly id: string
  has: Bitfield | undefined
  readonly stats: PeerStats
  readonly requests: Map<number, PendingRequest>
  strikes: number
  timeouts: number
  busyUntil: number
  dropped: DropReason | undefined
}

export class FetchSession {
  readonly #chunkSizes: readonly number[]
  readonly #avgChunkBytes: number
  readonly #picker: PiecePicker
  readonly #peers = new Map<string, PeerState>()
  /** Chunk → the requests in flight for it, by peer. Only missing chunks appear here. */
  readonly #inflight = new Map<number, Map<string, PendingRequest>>()
  readonly #banned = new Set<string>()
  readonly #maxStrikes: number
  readonly #maxTimeouts: number
  readonly #minRequestTimeoutMs: number
  readonly #findPeersIntervalMs: number
  readonly #busyBackoffMs: number
  #lastFindPeersAt = Number.NEGATIVE_INFINITY
  #doneSent = false
  #storageBusy = false
  #verificationFailures = 0
  #bytesReceived = 0
  /** Time of the latest event: rates are read at this instant. */
  #now = Number.NEGATIVE_INFINITY

  constructor(init: FetchSessionInit) {
    this.#chunkSizes = init.chunkSizes
    const total = init.chunkSizes.reduce((a, b) => a + b, 0)
    this.#avgChunkBytes = init.chunkSizes.length > 0 ? Math.max(1, total / init.chunkSizes.length) : 1
    const have = init.have ?? new Bitfield(init.chunkSizes.length)
    if (have.size !== init.chunkSizes.length) throw new RangeError('have bitfield does not match the chunk count')
    this.#picker = new PiecePicker(new Bitfield(have.size, have.bytes), createRng(init.seed ?? 1))
    this.#maxStrikes = init.maxStrikes ?? 3
    this.#maxTimeouts = init.maxTimeouts ?? 3
    this.#minRequestTimeoutMs = init.minRequestTimeoutMs ?? 10_000
    this.#findPeersIntervalMs = init.findPeersIntervalMs ?? 5000
    this.#busyBackoffMs = init.busyBackoffMs ?? 50
  }

  /** True once every chunk is held and verified. */
  get complete(): boolean {
    return this.#picker.missingCount === 0
  }

  get chunksTotal(): number {
    return this.#chunkSizes.length
  }

  get chunksMissing(): number {
    return this.#picker.missingCount
  }

  get verificationFailures(): number {
    return this.#verificationFailures
  }

  /** Verified bytes received from peers in this session (duplicates of the endgame not counted). */
  get bytesReceived(): number {
    return this.#bytesReceived
  }

  isDone(chunk: number): boolean {
    return this.#picker.isDone(chunk)
  }

  /** Peers the session knows (dropped ones included) with their measurements. */
  peers(): PeerView[] {
    return [...this.#peers.values()].map((p) => this.#view(p))
  }

  peer(id: string): PeerView | undefined {
    const p = this.#peers.get(id)
    return p && this.#view(p)
  }

  /** Feeds one event; returns the commands the shell must execute, in order. */
  advance(event: FetchEvent): FetchCommand[] {
    const out: FetchCommand[] = []
    this.#now = Math.max(this.#now, event.now)
    switch (event.type) {
      case 'peer-found':
        this.#onPeerFound(event.peer, event.rttMs, out)
        break
      case 'bitfield':
        this.#onBitfield(event.peer, event.has)
        break
      case 'have':
        this.#onHave(event.peer, event.chunk)
        break
      case 'chunk-received':
        this.#onChunk(event, out)
        break
      case 'request-failed':
        this.#onFailed(event.peer, event.chunk, event.reason, event.now, out)
        break
      case 'peer-disconnected':
        this.#removePeer(event.peer)
        break
      case 'rtt':
        this.#peers.get(event.peer)?.stats.onRtt(event.rttMs)
        break
      case 'storage-busy':
        this.#storageBusy = event.busy
        break
      case 'set-priority':
        this.#picker.setPriority(event.chunk)
        break
      case 'tick':
        this.#expire(event.now, out)
        break
    }
    this.#schedule(event.now, out)
    return out
  }

  #onPeerFound(id: string, rttMs: number | undefined, out: FetchCommand[]): void {
    if (this.#banned.has(id)) {
      out.push({ type: 'drop-peer', peer: id, reason: 'bad-chunks' })
      return
    }
    let peer = this.#peers.get(id)
    if (peer?.dropped) {
      // A stalled peer that reconnects gets a fresh chance; lying peers never do (banned above).
      this.#peers.delete(id)
      peer = undefined
    }
    if (!peer) {
      peer = {
        id,
        has: undefined,
        stats: new PeerStats(),
        requests: new Map(),
        strikes: 0,
        timeouts: 0,
        busyUntil: Number.NEGATIVE_INFINITY,
        dropped: undefined,
      }
      this.#peers.set(id, peer)
    }
    if (rttMs !== undefined) peer.stats.onRtt(rttMs)
  }

  #onBitfield(id: string, has: Bitfield | 'all'): void {
    const peer = this.#live(id)
    if (!peer) return
    const field = has === 'all' ? Bitfield.full(this.chunksTotal) : has
    if (field.size !== this.chunksTotal) return
    if (peer.has) this.#picker.removePeer(peer.has)
    peer.has = new Bitfield(field.size, field.bytes)
    this.#picker.addPeer(peer.has)
  }

  #onHave(id: string, chunk: number): void {
    const peer = this.#live(id)
    if (!peer || chunk < 0 || chunk >= this.chunksTotal) return
    peer.has ??= new Bitfield(this.chunksTotal)
    if (peer.has.set(chunk)) this.#picker.addHave(chunk)
  }

  #onChunk(event: Extract<FetchEvent, { type: 'chunk-received' }>, out: FetchCommand[]): void {
    const { peer: id, chunk, now } = event
    const peer = this.#peers.get(id)
    const request = peer?.requests.get(chunk)
    // Count the bytes before forgetting the request: an emptied pipeline ends the busy period.
    if (peer && request && event.verified)
      peer.stats.onChunk(event.bytes, request.sentAt, now, request.pipelineWasEmpty)
    if (peer && request) this.#forget(peer, chunk)
    if (!event.verified) {
      this.#verificationFailures++
      if (!peer || peer.dropped) return
      peer.strikes++
      // Never ask this peer for that chunk again: it has shown it serves wrong bytes for it.
      if (peer.has?.clear(chunk)) this.#picker.removeHave(chunk)
      if (peer.strikes >= this.#maxStrikes) this.#drop(peer, 'bad-chunks', out)
      return
    }
    if (peer && request) peer.timeouts = 0
    if (!this.#picker.markDone(chunk)) return
    this.#bytesReceived += event.bytes
    // Endgame losers: the chunk is here, the other copies in flight are wasted bandwidth.
    const others = this.#inflight.get(chunk)
    if (others) {
      for (const other of [...others.keys()]) {
        const p = this.#peers.get(other)
        if (p) this.#forget(p, chunk)
        out.push({ type: 'cancel-request', peer: other, chunk })
      }
    }
  }

  #onFailed(id: string, chunk: number, reason: RequestFailure, now: number, out: FetchCommand[]): void {
    const peer = this.#peers.get(id)
    if (!peer?.requests.has(chunk)) return
    this.#forget(peer, chunk)
    if (reason === 'not-found') {
      if (peer.has?.clear(chunk)) this.#picker.removeHave(chunk)
    } else if (reason === 'busy') {
      peer.busyUntil = now + this.#busyBackoffMs
    } else {
      this.#onTimeout(peer, out)
    }
  }

  #onTimeout(peer: PeerState, out: FetchCommand[]): void {
    // No rate penalty needed: a peer that delivers nothing sees its windowed rate fall to zero.
    peer.timeouts++
    if (peer.timeouts >= this.#maxTimeouts) this.#drop(peer, 'stalled', out)
  }

  /** Cancels requests past their deadline and requeues their chunks. */
  #expire(now: number, out: FetchCommand[]): void {
    for (const peer of this.#peers.values()) {
      if (peer.dropped) continue
      for (const [chunk, request] of [...peer.requests]) {
        if (request.deadline > now) continue
        this.#forget(peer, chunk)
        out.push({ type: 'cancel-request', peer: peer.id, chunk })
        this.#onTimeout(peer, out)
        if (peer.dropped) break
      }
    }
  }

  #drop(peer: PeerState, reason: DropReason, out: FetchCommand[]): void {
    if (reason === 'bad-chunks') this.#banned.add(peer.id)
    this.#release(peer)
    peer.dropped = reason
    out.push({ type: 'drop-peer', peer: peer.id, reason })
  }

  #removePeer(id: string): void {
    const peer = this.#peers.get(id)
    if (!peer) return
    this.#release(peer)
    // Keep dropped peers visible (their strikes explain the drop); forget merely disconnected ones.
    if (!peer.dropped) this.#peers.delete(id)
  }

  /** Returns a peer's requests to the pool and its chunks' availability. */
  #release(peer: PeerState): void {
    for (const chunk of [...peer.requests.keys()]) this.#forget(peer, chunk)
    if (peer.has && !peer.dropped) this.#picker.removePeer(peer.has)
    peer.has = undefined
  }

  #forget(peer: PeerState, chunk: number): void {
    if (peer.requests.delete(chunk) && peer.requests.size === 0) peer.stats.onIdle(this.#now)
    const entry = this.#inflight.get(chunk)
    if (!entry) return
    entry.delete(peer.id)
    if (entry.size === 0) this.#inflight.delete(chunk)
  }

  #live(id: string): PeerState | undefined {
    const peer = this.#peers.get(id)
    return peer && !peer.dropped ? peer : undefined
  }

  /** Fills every peer's pipeline up to its depth: rarest-first, then endgame duplicates. */
  #schedule(now: number, out: FetchCommand[]): void {
    if (this.#picker.missingCount === 0) {
      if (!this.#doneSent) {
        this.#doneSent = true
        out.push({ type: 'done' })
      }
      return
    }
    if (this.#storageBusy) return
    // Fastest first, so the best peers get the rarest chunks; unmeasured peers go first to get measured.
    const peers = [...this.#peers.values()]
      .filter((p) => !p.dropped && p.has !== undefined && p.busyUntil <= now)
      .sort(
        (a, b) =>
          (b.stats.bytesPerMs(now) ?? Number.POSITIVE_INFINITY) - (a.stats.bytesPerMs(now) ?? Number.POSITIVE_INFINITY),
      )
    for (const peer of peers) {
      const depth = this.#depth(peer)
      while (peer.requests.size < depth) {
        const chunk = this.#pickFor(peer)
        if (chunk === undefined) break
        this.#request(peer, chunk, now, out)
      }
    }
    this.#maybeFindPeers(now, out)
  }

  #pickFor(peer: PeerState): number | undefined {
    const has = peer.has as Bitfield
    const chunk = this.#picker.pick(has, (i) => this.#inflight.has(i))
    if (chunk !== undefined) return chunk
    // Endgame only once every missing chunk is in flight somewhere.
    if (this.#inflight.size < this.#picker.missingCount) return undefined
    return pickEndgameChunk(peer.id, has, this.#inflight)
  }

  #request(peer: PeerState, chunk: number, now: number, out: FetchCommand[]): void {
    let queued = this.#chunkSizes[chunk]
    for (const c of peer.requests.keys()) queued += this.#chunkSizes[c]
    const timeout = requestTimeoutMs(peer.stats.bytesPerMs(now), peer.stats.rttMs, queued, this.#minRequestTimeoutMs)
    const request: PendingRequest = { sentAt: now, deadline: now + timeout, pipelineWasEmpty: peer.requests.size === 0 }
    peer.stats.onRequest(now, request.pipelineWasEmpty)
    peer.requests.set(chunk, request)
    let entry = this.#inflight.get(chunk)
    if (!entry) this.#inflight.set(chunk, (entry = new Map()))
    entry.set(peer.id, request)
    out.push({ type: 'request-chunk', peer: peer.id, chunk, deadline: request.deadline })
  }

  /** Asks the shell for more peers when nobody left can supply some missing chunk. */
  #maybeFindPeers(now: number, out: FetchCommand[]): void {
    if (now - this.#lastFindPeersAt < this.#findPeersIntervalMs) return
    let live = 0
    for (const p of this.#peers.values()) {
      if (p.dropped) continue
      // A peer whose bitfield has not arrived yet may well have everything: wait for it.
      if (p.has === undefined) return
      live++
    }
    let starving = live === 0
    if (!starving) {
      for (const chunk of this.#picker.missing()) {
        if (!this.#picker.isDone(chunk) && this.#picker.availability(chunk) === 0) {
          starving = true
          break
        }
      }
    }
    if (!starving) return
    this.#lastFindPeersAt = now
    out.push({ type: 'find-more-peers' })
  }

  #depth(peer: PeerState): number {
    return pipelineDepth(peer.stats.linkBytesPerMs(this.#now), peer.stats.rttMs, this.#avgChunkBytes)
  }

  #view(p: PeerState): PeerView {
    return {
      peer: p.id,
      outstanding: p.requests.size,
      pipelineDepth: this.#depth(p),
      bytesPerMs: p.stats.bytesPerMs(this.#now),
      rttMs: p.stats.rttMs,
      bytesReceived: p.stats.bytesReceived,
      chunksReceived: p.stats.chunksReceived,
      strikes: p.strikes,
      dropped: p.dropped,
    }
  }
}
