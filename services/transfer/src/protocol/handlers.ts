import { decodeManifest } from '@netswarm/content'
import type { Logger } from '@netswarm/runtime'
import type { WireSession } from '@netswarm/wire'
import type { CID } from 'multiformats/cid'
import { ExchangeFormatError } from '../errors.ts'
import type { TransferMetrics } from '../metrics.ts'
import type { PeerLedger } from '../peer-ledger.ts'
import type { LocalStore } from '../ports.ts'
import { Bitfield } from '../scheduler/bitfield.ts'
import { decodeMessage, type ExchangeErrorCodeName, encodeMessage, MANIFEST_PAGE_BYTES } from './messages.ts'

/**
 * The serving side of the exchange protocol (docs/transfer.md#serving): answers bitfield, chunk,
 * manifest and replicate requests from peers. Chunk reads go through a fixed number of upload
 * slots, fed round-robin from one bounded queue per peer, so one greedy peer cannot starve the
 * others and memory stays bounded (slots + peers x queue).
 */

/** Serving limits. */
export interface ExchangeServerInit {
  /** Chunk reads served at once, across all peers. @default 8 */
  uploadSlots?: number
  /** Chunk requests one peer may have queued; beyond it gets BUSY. @default 64 */
  perPeerQueue?: number
}

export interface ExchangeServerComponents {
  store: LocalStore
  log: Logger
  metrics: TransferMetrics
  ledger: PeerLedger
  /** A peer asks us to hold a file; resolves once we hold it (true) or gave up (false). */
  onReplicate?(manifest: CID, session: WireSession): Promise<boolean>
  /** A peer we subscribed to got one more chunk of a manifest. */
  onHave?(manifest: CID, chunk: number, session: WireSession): void
}

interface Job {
  cid: CID
  signal: AbortSignal
  resolve(body: Uint8Array): void
}

interface PeerQueue {
  session: WireSession
  jobs: Job[]
}

/** Decoded manifests kept for bitfield answers (a swarm mostly asks about a few files at once). */
const MANIFEST_CACHE_SIZE = 16

export class ExchangeServer {
  readonly #c: ExchangeServerComponents
  readonly #slots: number
  readonly #perPeerQueue: number
  readonly #queues = new Map<WireSession, PeerQueue>()
  /** Round-robin order of sessions with queued jobs. */
  #turn: WireSession[] = []
  #busy = 0
  readonly #subscribers = new Map<string, Set<WireSession>>()
  readonly #manifests = new Map<string, CID[]>()

  constructor(components: ExchangeServerComponents, init: ExchangeServerInit = {}) {
    this.#c = components
    this.#slots = init.uploadSlots ?? 8
    this.#perPeerQueue = init.perPeerQueue ?? 64
  }

  get uploadSlots(): number {
    return this.#slots
  }

  get uploadSlotsBusy(): number {
    return this.#busy
  }

  /** The wire `onRequest` handler. */
  async handleRequest(body: Uint8Array, ctx: { session: WireSession; signal: AbortSignal }): Promise<Uint8Array> {
    let msg: ReturnType<typeof decodeMessage>
    try {
      msg = decodeMessage(body)
    } catch (err) {
      if (err instanceof ExchangeFormatError) return errorBody('BAD_REQUEST', err.message)
      throw err
    }
    switch (msg.type) {
      case 'CHUNK_REQUEST':
        return this.#enqueue(ctx.session, msg.cid, ctx.signal)
      case 'HAVE_REQUEST':
        return this.#bitfield(msg.manifest, ctx.session)
      case 'MANIFEST_REQUEST':
        return this.#manifestPage(msg.cid, msg.offset)
      case 'REPLICATE_REQUEST': {
        const accepted = (await this.#c.onReplicate?.(msg.manifest, ctx.session)) ?? false
        return encodeMessage({ type: 'REPLICATE_RESPONSE', accepted })
      }
      default:
        return errorBody('BAD_REQUEST', `${msg.type} is not a request`)
    }
  }

  /** The wire `onMessage` handler: CANCEL and HAVE. Garbage is logged and ignored. */
  handleMessage(body: Uint8Array, session: WireSession): void {
    let msg: ReturnType<typeof decodeMessage>
    try {
      msg = decodeMessage(body)
    } catch (err) {
      this.#c.log.debug({ err, peer: String(session.remotePeerId) }, 'bad exchange message')
      return
    }
    if (msg.type === 'CANCEL') {
      const queue = this.#queues.get(session)
      const i = queue?.jobs.findIndex((j) => j.cid.equals(msg.cid)) ?? -1
      if (queue && i >= 0) queue.jobs.splice(i, 1)[0].resolve(errorBody('CANCELLED', 'cancelled by the requester'))
    } else if (msg.type === 'HAVE') {
      this.#c.onHave?.(msg.manifest, msg.chunk, session)
    }
  }

  /** Tells peers that asked for our bitfield of `manifest` that we now have one more chunk. */
  announceHave(manifest: CID, chunk: number): void {
    const subscribers = this.#subscribers.get(manifest.toString())
    if (!subscribers) return
    const body = encodeMessage({ type: 'HAVE', manifest, chunk })
    for (const session of subscribers) session.send(body).catch(() => subscribers.delete(session))
  }

  #enqueue(session: WireSession, cid: CID, signal: AbortSignal): Promise<Uint8Array> {
    let queue = this.#queues.get(session)
    if (!queue) {
      queue = { session, jobs: [] }
      this.#queues.set(session, queue)
    }
    if (queue.jobs.length >= this.#perPeerQueue) {
      return Promise.resolve(errorBody('BUSY', `more than ${this.#perPeerQueue} chunk requests queued`))
    }
    return new Promise<Uint8Array>((resolve) => {
      ;(queue as PeerQueue).jobs.push({ cid, signal, resolve })
      if (!this.#turn.includes(session)) this.#turn.push(session)
      this.#pump()
    })
  }

  /** Starts queued jobs while slots are free, one per peer in turn. */
  #pump(): void {
    while (this.#busy < this.#slots && this.#turn.length > 0) {
      const session = this.#turn.shift() as WireSession
      const queue = this.#queues.get(session)
      const job = queue?.jobs.shift()
      if (!queue || !job) continue
      if (queue.jobs.length > 0) this.#turn.push(session)
      else this.#queues.delete(session)
      if (job.signal.aborted) {
        job.resolve(errorBody('CANCELLED', 'cancelled'))
        continue
      }
      this.#busy++
      this.#c.metrics.uploadSlotsBusy.set(this.#busy)
      this.#serve(session, job).finally(() => {
        this.#busy--
        this.#c.metrics.uploadSlotsBusy.set(this.#busy)
        this.#pump()
      })
    }
  }

  async #serve(session: WireSession, job: Job): Promise<void> {
    try {
      // Zero-copy read when the store offers it: the bytes are copied once, into the response.
      let size = 0
      const encode = (bytes: Uint8Array) => {
        size = bytes.length
        return encodeMessage({ type: 'CHUNK_RESPONSE', cid: job.cid, bytes })
      }
      const direct = this.#c.store.readChunk?.(job.cid, encode)
      const body = direct ? await direct : await this.#c.store.getChunk(job.cid).then((b) => b && encode(b))
      if (!body) {
        job.resolve(errorBody('NOT_FOUND', `no chunk ${job.cid}`))
        return
      }
      const peer = String(session.remotePeerId)
      this.#c.ledger.sent(peer, size)
      this.#c.metrics.bytesSent.inc({ peer }, size)
      this.#c.metrics.chunksSent.inc()
      job.resolve(body)
    } catch (err) {
      this.#c.log.warn({ err, cid: String(job.cid) }, 'reading a chunk to serve failed')
      job.resolve(errorBody('INTERNAL', 'could not read the chunk'))
    }
  }

  async #bitfield(manifest: CID, session: WireSession): Promise<Uint8Array> {
    const chunks = await this.#chunkList(manifest)
    if (!chunks) return errorBody('NOT_FOUND', `no manifest ${manifest}`)
    const key = manifest.toString()
    let subscribers = this.#subscribers.get(key)
    if (!subscribers) this.#subscribers.set(key, (subscribers = new Set()))
    if (!subscribers.has(session)) {
      subscribers.add(session)
      void session.closed.then(() => {
        subscribers.delete(session)
        if (subscribers.size === 0) this.#subscribers.delete(key)
      })
    }
    const present = await this.#c.store.hasChunks(chunks)
    const has = new Bitfield(chunks.length)
    present.forEach((p, i) => {
      if (p) has.set(i)
    })
    return encodeMessage({
      type: 'BITFIELD',
      manifest,
      chunkCount: chunks.length,
      has: has.complete ? 'all' : has,
    })
  }

  async #manifestPage(cid: CID, offset: number): Promise<Uint8Array> {
    const bytes = await this.#c.store.getManifest(cid)
    if (!bytes) return errorBody('NOT_FOUND', `no manifest ${cid}`)
    if (offset > bytes.length) return errorBody('BAD_REQUEST', `offset ${offset} past the manifest's end`)
    const page = bytes.subarray(offset, Math.min(bytes.length, offset + MANIFEST_PAGE_BYTES))
    return encodeMessage({ type: 'MANIFEST_RESPONSE', cid, totalBytes: bytes.length, offset, bytes: page })
  }

  /**
   * Remembers the chunk list of a file this peer just published or downloaded, so the first
   * bitfield request for it is answered without decoding the manifest again (tens of ms for a
   * thousand chunks in a fresh process, while the requester waits).
   */
  rememberManifest(manifest: CID, chunks: readonly CID[]): void {
    const key = manifest.toString()
    this.#manifests.delete(key)
    if (this.#manifests.size >= MANIFEST_CACHE_SIZE) {
      this.#manifests.delete(this.#manifests.keys().next().value as string)
    }
    this.#manifests.set(key, [...chunks])
  }

  async #chunkList(manifest: CID): Promise<CID[] | undefined> {
    const cached = this.#manifests.get(manifest.toString())
    if (cached) return cached
    const bytes = await this.#c.store.getManifest(manifest)
    if (!bytes) return undefined
    const chunks = decodeManifest(bytes).chunks.map((c) => c.cid)
    this.rememberManifest(manifest, chunks)
    return chunks
  }
}

function errorBody(code: ExchangeErrorCodeName, message: string): Uint8Array {
  return encodeMessage({ type: 'ERROR', code, message })
}
