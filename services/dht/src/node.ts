import { type Clock, ResourceExhaustedError } from '@netswarm/runtime'
import { InboxStore, type InboxStoreInit } from './inbox/inbox-store.ts'
import type { Contact } from './kademlia/contact.ts'
import { type Key, keyEquals, keyInBucket, keyToHex } from './kademlia/key.ts'
import { Lookup, type LookupResult } from './kademlia/lookup.ts'
import { ProviderStore } from './kademlia/providers.ts'
import { RateLimiter, type RateLimiterInit } from './kademlia/rate-limiter.ts'
import { RecordStore } from './kademlia/records.ts'
import { RoutingTable } from './kademlia/routing-table.ts'
import { handleRequest, type RequestSender } from './rpc/handlers.ts'
import type { DhtRequest, DhtResponse, LookupRequest, PeerRecord } from './rpc/messages.ts'
import { KeywordEntryStore, type KeywordEntryStoreInit } from './search/entry-store.ts'
import { LocalIndex } from './search/local-index.ts'
import type { SearchObserver } from './search/observer.ts'
import type { DhtTransport } from './transport.ts'

/** What a {@link DhtNode} needs from outside. */
export interface DhtNodeComponents {
  clock: Clock
  transport: DhtTransport
  /** Random bytes for bucket refresh keys (seeded in simulations). */
  randomBytes: (n: number) => Uint8Array
  /** Told about every finished lookup (metrics). */
  onLookup?: (result: LookupResult, durationMs: number) => void
  /** Told about search requests, refused and evicted entries (metrics). */
  onSearch?: Pick<SearchObserver, 'request' | 'refused' | 'evicted'>
}

/** Settings of a {@link DhtNode}. */
export interface DhtNodeInit {
  /** Our peer ID. */
  id: Key
  /** Where others reach our DHT (`host:port`). */
  addresses: string[]
  /** Bucket size and replication factor. @default 20 */
  k?: number
  /** Lookup parallelism. @default 3 */
  alpha?: number
  /** Prefer low-RTT contacts in buckets and lookups. @default true */
  latencyAware?: boolean
  /** Per-request timeout. @default 5000 */
  requestTimeoutMs?: number
  /**
   * A full bucket pings its least recently seen contact only when that contact has been silent
   * this long: a contact heard recently is alive, and pinging on every stranger's message would
   * cascade (the pinged node may ping in turn). @default 60000
   */
  pingIfSilentMs?: number
  /** Per-host limit in a bucket. @default 2 */
  maxPerHostPerBucket?: number
  /** Provider record lifetime. @default 48 h */
  providerTtlMs?: number
  /** How often our own provider records are republished. @default 22 h */
  republishIntervalMs?: number
  /** A bucket with no news for this long is refreshed. @default 1 h */
  refreshIntervalMs?: number
  /** Per-peer request rate limit. */
  rateLimit?: RateLimiterInit
  /** Most mutable records stored for others. @default 10000 */
  maxRecords?: number
  /** Lookups running at once; more are refused with RESOURCE_EXHAUSTED (bounded memory). @default 64 */
  maxConcurrentLookups?: number
  /** Limits of the search entry store (its TTL defaults to the provider TTL). */
  searchStore?: KeywordEntryStoreInit
  /** Limits of the share inbox store (docs/dht.md#share-inboxes). */
  inboxStore?: InboxStoreInit
}

/** Counters of a node (exported as metrics and by GetStats). */
export interface DhtNodeStats {
  lookups: number
  lookupsFailed: number
  messagesSent: number
  messagesReceived: number
  malformedMessages: number
  rateLimited: number
}

/** Most RTT samples remembered for peers outside the routing table. */
const MAX_RTT_CACHE = 4096

/**
 * One Kademlia node, independent of any transport: it answers requests, keeps its routing table
 * (ping-before-evict, replacement cache), and runs iterative lookups through {@link Lookup}.
 * The same class runs in the simulator and in the service.
 */
export class DhtNode {
  readonly id: Key
  readonly addresses: string[]
  readonly table: RoutingTable
  readonly providers: ProviderStore
  readonly records: RecordStore
  /** Search entries stored for others, under keyword keys (docs/search.md). */
  readonly searchEntries: KeywordEntryStore
  /** Public files this peer published itself. */
  readonly localIndex = new LocalIndex()
  /** Share envelopes stored for others, under inbox keys (docs/dht.md#share-inboxes). */
  readonly inbox: InboxStore
  readonly stats: DhtNodeStats = {
    lookups: 0,
    lookupsFailed: 0,
    messagesSent: 0,
    messagesReceived: 0,
    malformedMessages: 0,
    rateLimited: 0,
  }
  readonly k: number
  readonly alpha: number
  readonly latencyAware: boolean
  readonly requestTimeoutMs: number
  readonly pingIfSilentMs: number
  readonly republishIntervalMs: number
  readonly refreshIntervalMs: number
  private readonly limiter: RateLimiter
  private readonly maxConcurrentLookups: number
  private activeLookups = 0
  private readonly rttCache = new Map<string, number>()
  private readonly pinging = new Set<string>()

  constructor(
    private readonly components: DhtNodeComponents,
    init: DhtNodeInit,
  ) {
    this.id = init.id
    this.addresses = init.addresses
    this.k = init.k ?? 20
    this.alpha = init.alpha ?? 3
    this.latencyAware = init.latencyAware ?? true
    this.requestTimeoutMs = init.requestTimeoutMs ?? 5000
    this.pingIfSilentMs = init.pingIfSilentMs ?? 60_000
    this.republishIntervalMs = init.republishIntervalMs ?? 22 * 3600_000
    this.refreshIntervalMs = init.refreshIntervalMs ?? 3600_000
    this.table = new RoutingTable({
      self: init.id,
      k: this.k,
      latencyAware: this.latencyAware,
      maxPerHostPerBucket: init.maxPerHostPerBucket,
    })
    this.providers = new ProviderStore({ ttlMs: init.providerTtlMs })
    this.records = new RecordStore({ maxRecords: init.maxRecords })
    this.searchEntries = new KeywordEntryStore({
      ttlMs: init.providerTtlMs,
      salt: new DataView(init.id.buffer, init.id.byteOffset, 4).getUint32(0),
      onEvicted: () => components.onSearch?.evicted(),
      ...init.searchStore,
    })
    this.inbox = new InboxStore(init.inboxStore)
    this.limiter = new RateLimiter(init.rateLimit)
    this.maxConcurrentLookups = init.maxConcurrentLookups ?? 64
  }

  get clock(): Clock {
    return this.components.clock
  }

  /**
   * Answers a request whose sender's ID was authenticated by the transport, and learns the
   * sender as a contact (only then: a contact's ID must match its key).
   */
  handleRequest(from: RequestSender & { rttMs?: number }, request: DhtRequest): DhtResponse {
    const now = this.clock.now()
    this.stats.messagesReceived++
    if (!this.limiter.allow(keyToHex(from.id), now)) {
      this.stats.rateLimited++
      return { type: 'ERROR', code: 'RATE_LIMITED', message: 'too many requests; slow down' }
    }
    if (from.addresses.length > 0) this.heard({ id: from.id, addresses: from.addresses, lastSeen: now }, from.rttMs)
    return handleRequest(
      {
        table: this.table,
        providers: this.providers,
        records: this.records,
        k: this.k,
        search: {
          entries: this.searchEntries,
          local: this.localIndex,
          self: { id: this.id, addresses: this.addresses },
          observer: this.components.onSearch,
        },
        inbox: this.inbox,
      },
      from,
      request,
      now,
    )
  }

  /** Counts a message that could not be decoded (the transport answers it with an error). */
  countMalformed(): void {
    this.stats.malformedMessages++
  }

  /**
   * Learns of a live, authenticated contact. When its bucket is full, the least recently seen
   * contact is pinged and evicted only if it does not answer (paper §2.2).
   */
  heard(contact: Contact, rttMs?: number): void {
    const now = this.clock.now()
    const existing = this.table.get(contact.id)
    if (existing) {
      if (rttMs !== undefined) this.table.recordRtt(contact.id, rttMs, now)
      this.table.add(contact, now)
      return
    }
    const result = this.table.add({ ...contact, rttMs: rttMs ?? this.rttCache.get(keyToHex(contact.id)) }, now)
    if (result.status === 'bucket-full' && now - result.oldest.lastSeen >= this.pingIfSilentMs) {
      this.pingOldest(result.oldest)
    }
  }

  private pingOldest(oldest: Contact): void {
    const hex = keyToHex(oldest.id)
    if (this.pinging.has(hex)) return
    this.pinging.add(hex)
    // A failed ping removes the contact (see query) and promotes a replacement.
    this.query(oldest, { type: 'PING' })
      .catch(() => {})
      .finally(() => this.pinging.delete(hex))
  }

  /**
   * Sends one request. A success refreshes the contact and its RTT; a failure (timeout, refused,
   * wrong key) evicts it from the routing table.
   */
  async query(contact: Contact, request: DhtRequest, signal?: AbortSignal): Promise<DhtResponse> {
    this.stats.messagesSent++
    try {
      const reply = await this.components.transport.request(contact, request, {
        timeoutMs: this.requestTimeoutMs,
        signal,
      })
      this.rememberRtt(contact.id, reply.rttMs)
      this.heard({ id: contact.id, addresses: contact.addresses, lastSeen: this.clock.now() }, reply.rttMs)
      return reply.response
    } catch (err) {
      if (!signal?.aborted) this.table.remove(contact.id)
      throw err
    }
  }

  private rememberRtt(id: Key, rttMs: number): void {
    const hex = keyToHex(id)
    this.rttCache.delete(hex)
    this.rttCache.set(hex, rttMs)
    if (this.rttCache.size > MAX_RTT_CACHE) {
      const oldest = this.rttCache.keys().next().value
      if (oldest !== undefined) this.rttCache.delete(oldest)
    }
  }

  /**
   * Iterative lookup of `target` sending `request` to each queried peer. `onResponse` sees every
   * answer (to collect providers or records). Resolves when the k closest have answered.
   */
  iterate(
    target: Key,
    request: LookupRequest,
    options: { onResponse?: (from: Contact, response: DhtResponse, hop: number) => void; signal?: AbortSignal } = {},
  ): Promise<LookupResult> {
    if (this.activeLookups >= this.maxConcurrentLookups) {
      return Promise.reject(new ResourceExhaustedError('too many DHT lookups in progress; retry shortly'))
    }
    this.activeLookups++
    const started = this.clock.now()
    const lookup = new Lookup({
      target,
      k: this.k,
      alpha: this.alpha,
      self: this.id,
      latencyAware: this.latencyAware,
      rttOf: (c) => this.table.get(c.id)?.rttMs ?? this.rttCache.get(keyToHex(c.id)),
    })
    this.stats.lookups++
    const running = new Promise<LookupResult>((resolve, reject) => {
      const { signal } = options
      const onAbort = () => reject(signal?.reason ?? new Error('lookup aborted'))
      signal?.addEventListener('abort', onAbort, { once: true })
      const run = (commands: ReturnType<Lookup['advance']>) => {
        for (const command of commands) {
          if (command.type === 'done') {
            signal?.removeEventListener('abort', onAbort)
            if (command.result.closest.length === 0) this.stats.lookupsFailed++
            this.components.onLookup?.(command.result, this.clock.now() - started)
            resolve(command.result)
            return
          }
          const { contact, hop, want, slowAfterMs } = command
          const sent = want > this.k ? { ...request, count: want } : request
          const sentAt = this.clock.now()
          const slowTimer =
            slowAfterMs === undefined
              ? undefined
              : this.clock.setTimeout(() => {
                  if (!lookup.done) run(lookup.advance({ type: 'slow', from: contact.id, now: this.clock.now() }))
                }, slowAfterMs)
          this.query(contact, sent, signal).then(
            (response) => {
              if (slowTimer) this.clock.clearTimeout(slowTimer)
              if (signal?.aborted) return
              if (response.type === 'ERROR') {
                run(lookup.advance({ type: 'failure', from: contact.id, now: this.clock.now() }))
                return
              }
              options.onResponse?.(contact, response, hop)
              const now = this.clock.now()
              run(
                lookup.advance({
                  type: 'response',
                  from: contact.id,
                  closer: closerOf(response),
                  now,
                  rttMs: now - sentAt,
                }),
              )
            },
            () => {
              if (slowTimer) this.clock.clearTimeout(slowTimer)
              if (signal?.aborted) return
              run(lookup.advance({ type: 'failure', from: contact.id, now: this.clock.now() }))
            },
          )
        }
      }
      if (signal?.aborted) return onAbort()
      run(lookup.advance({ type: 'start', seeds: this.table.closest(target, this.k), now: started }))
    })
    const release = () => {
      this.activeLookups--
    }
    running.then(release, release)
    return running
  }

  /** The k closest live peers to `target`. */
  lookup(target: Key, signal?: AbortSignal): Promise<LookupResult> {
    return this.iterate(target, { type: 'FIND_NODE', target }, { signal })
  }

  /** Finds a peer by ID: from the routing table, else by a lookup where it must answer itself. */
  async findPeer(id: Key, signal?: AbortSignal): Promise<Contact | undefined> {
    const known = this.table.get(id)
    if (known) return known
    const result = await this.lookup(id, signal)
    return result.closest.find((c) => keyEquals(c.id, id))
  }

  /** Adds a peer known only by address (e.g. heard on the LAN); resolves with its proven ID. */
  async addByAddress(address: string, signal?: AbortSignal): Promise<Key> {
    const d = await this.components.transport.dial(address, { timeoutMs: this.requestTimeoutMs, signal })
    if (!keyEquals(d.id, this.id)) {
      this.rememberRtt(d.id, d.rttMs)
      this.heard({ id: d.id, addresses: d.addresses, lastSeen: this.clock.now() }, d.rttMs)
    }
    return d.id
  }

  /** Joins the network through peers known by address, then fills the table (paper §2.3 "join"). */
  async bootstrap(addresses: string[], signal?: AbortSignal): Promise<number> {
    const dialled = await Promise.allSettled(
      addresses.map((a) => this.components.transport.dial(a, { timeoutMs: this.requestTimeoutMs, signal })),
    )
    let reached = 0
    for (const d of dialled) {
      if (d.status !== 'fulfilled' || keyEquals(d.value.id, this.id)) continue
      reached++
      this.rememberRtt(d.value.id, d.value.rttMs)
      this.heard({ id: d.value.id, addresses: d.value.addresses, lastSeen: this.clock.now() }, d.value.rttMs)
    }
    if (this.table.size > 0) {
      await this.lookup(this.id, signal)
      await this.refresh(Number.POSITIVE_INFINITY, signal)
    }
    return reached
  }

  /** Refreshes buckets with no news since `maxAgeMs` by looking up a random key in each. */
  async refresh(maxAgeMs = this.refreshIntervalMs, signal?: AbortSignal): Promise<void> {
    const before = Number.isFinite(maxAgeMs) ? this.clock.now() - maxAgeMs : Number.POSITIVE_INFINITY
    const stale = this.table.staleBuckets(before)
    // Buckets far from us first: they shorten every later lookup the most.
    for (const bucket of stale) {
      if (signal?.aborted) return
      await this.lookup(keyInBucket(this.id, bucket, this.components.randomBytes(32)), signal)
    }
  }
}

/** Closer peers carried by a response, as (unverified) lookup candidates. */
function closerOf(response: DhtResponse): Contact[] {
  const closer: PeerRecord[] =
    response.type === 'NODES' ||
    response.type === 'PROVIDERS' ||
    response.type === 'RECORD' ||
    response.type === 'ENTRIES' ||
    response.type === 'INBOX'
      ? response.closer
      : []
  return closer.map((p) => ({ id: p.id, addresses: p.addresses, lastSeen: 0 }))
}
