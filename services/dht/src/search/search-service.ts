import { setMaxListeners } from 'node:events'
import { InvalidArgumentError } from '@netswarm/runtime'
import type { Contact } from '../kademlia/contact.ts'
import { keyToHex } from '../kademlia/key.ts'
import type { DhtNode } from '../node.ts'
import type { DhtResponse, PeerRecord } from '../rpc/messages.ts'
import {
  checkEntry,
  type EntrySigner,
  type FileMetadata,
  metadataProblem,
  publisherId,
  type SearchEntry,
  signEntry,
} from './entry.ts'
import { type FoundEntry, MAX_ENTRIES_PER_MESSAGE } from './entry-codec.ts'
import { keywordKey, keywordsOf } from './normalize.ts'
import type { QueryOutcome, SearchObserver } from './observer.ts'
import { MAX_SEARCH_LIMIT, parseQuery, queryKeys, type SearchQuery } from './query.ts'
import { HitSet, type SearchHit } from './rank.ts'

/** Options of {@link SearchService}. */
export interface SearchServiceInit {
  /** Signs our entries: the peer's identity. */
  signer: EntrySigner
  /** Peers (the closest to each keyword key) that store each entry. @default 8 */
  replication?: number
  /** Directly connected peers asked for their own files per query. @default 16 */
  fanout?: number
  /** Keywords announced at once while publishing. @default 4 */
  publishConcurrency?: number
  /** Told how each query ended (metrics). */
  onQuery?: SearchObserver['query']
}

/** Options of one search. */
export interface SearchOptions {
  /** Most results. @default 50 (at most 200) */
  limit?: number
  /** Deadline of the whole query. @default 5000 (at most 30000) */
  timeoutMs?: number
  /** The last word also matches longer words (type-ahead). @default false */
  prefix?: boolean
  signal?: AbortSignal
}

/** Outcome of a publish. */
export interface PublishOutcome {
  keywords: number
  /** Acknowledged stores, over all keywords. */
  storedOn: number
}

export const DEFAULT_SEARCH_LIMIT = 50
export const DEFAULT_SEARCH_TIMEOUT_MS = 5000
export const MAX_SEARCH_TIMEOUT_MS = 30_000

/**
 * Search over the swarm on top of a {@link DhtNode}: publishes this peer's public files as signed
 * entries under their keywords (and republishes them), and answers queries from our own files,
 * from directly connected peers' files and from the keyword entries in the DHT, streamed.
 */
export class SearchService {
  /** Our public files, with the time each was last announced. */
  private readonly published = new Map<string, { entry: SearchEntry; announcedAt: number }>()
  private readonly replication: number
  private readonly fanout: number
  private readonly concurrency: number

  constructor(
    private readonly node: DhtNode,
    private readonly init: SearchServiceInit,
  ) {
    this.replication = init.replication ?? 8
    this.fanout = init.fanout ?? 16
    this.concurrency = init.publishConcurrency ?? 4
  }

  /** Number of files we publish. */
  get publishedCount(): number {
    return this.published.size
  }

  /**
   * Publishes a public file: signs its metadata, answers for it at once (local index), and stores
   * the entry under each keyword on the closest peers; republished until {@link unpublish}.
   * @throws InvalidArgumentError when the metadata breaks a limit.
   */
  async publish(metadata: FileMetadata, signal?: AbortSignal): Promise<PublishOutcome> {
    const problem = metadataProblem(metadata)
    if (problem) throw new InvalidArgumentError(`cannot publish ${JSON.stringify(metadata.name)}: ${problem}`)
    const now = this.node.clock.now()
    const entry = signEntry(this.init.signer, metadata, Math.round(now))
    this.node.localIndex.set(entry)
    this.published.set(entry.cid, { entry, announcedAt: now })
    return this.announce(entry, signal)
  }

  /** Stores `entry` under each of its keywords on the closest peers. */
  private async announce(entry: SearchEntry, signal?: AbortSignal): Promise<PublishOutcome> {
    // Every keyword's lookup and stores listen on it.
    if (signal) setMaxListeners(0, signal)
    const keywords = keywordsOf(entry)
    let storedOn = 0
    await eachLimited(keywords, this.concurrency, async (keyword) => {
      const key = keywordKey(keyword)
      const self = keyToHex(this.node.id)
      this.node.searchEntries.put(key, entry, self, this.node.addresses, this.node.clock.now())
      const { closest } = await this.node.lookup(key, signal)
      const acks = await Promise.allSettled(
        closest
          .slice(0, this.replication)
          .map((c) => this.node.query(c, { type: 'STORE_ENTRY', keyword, entry }, signal)),
      )
      storedOn += acks.filter((a) => a.status === 'fulfilled' && a.value.type === 'OK' && a.value.stored).length
    })
    return { keywords: keywords.length, storedOn }
  }

  /**
   * Stops publishing `cid`: dropped from our index at once, and withdrawn from the peers that
   * hold its entries (those that miss it drop it on expiry). False when it was not published.
   */
  async unpublish(cid: string, signal?: AbortSignal): Promise<boolean> {
    const held = this.published.get(cid)
    this.published.delete(cid)
    this.node.localIndex.delete(cid)
    if (!held) return false
    const self = keyToHex(this.node.id)
    if (signal) setMaxListeners(0, signal)
    await eachLimited(keywordsOf(held.entry), this.concurrency, async (keyword) => {
      const key = keywordKey(keyword)
      this.node.searchEntries.remove(key, self, cid)
      const { closest } = await this.node.lookup(key, signal)
      await Promise.allSettled(
        closest
          .slice(0, this.replication)
          .map((c) => this.node.query(c, { type: 'REMOVE_ENTRY', keyword, cid }, signal)),
      )
    })
    return true
  }

  /** Re-announces every file last announced before `now - republishIntervalMs`. */
  async republish(signal?: AbortSignal): Promise<number> {
    const due = this.node.clock.now() - this.node.republishIntervalMs
    let count = 0
    for (const held of [...this.published.values()]) {
      if (held.announcedAt > due || signal?.aborted) continue
      held.announcedAt = this.node.clock.now()
      await this.announce(held.entry, signal).catch(() => undefined)
      count++
    }
    return count
  }

  /**
   * Runs a query and yields hits as they are found: each new file, and again whenever a hit
   * gains a provider. Hits matching every word come as soon as they are found; partial matches
   * come at the end, best first, if the limit leaves room. Ends at the deadline, when `limit`
   * full matches were found, or when every source has answered.
   * @throws InvalidQueryError (INVALID_ARGUMENT) for an empty, overlong or control-character query.
   */
  async *search(text: string | SearchQuery, options: SearchOptions = {}): AsyncGenerator<SearchHit> {
    const started = this.node.clock.now()
    let firstResultMs: number | undefined
    const cids = new Set<string>()
    // Stays 'cancelled' when the caller stops iterating early.
    let outcome: QueryOutcome = 'cancelled'
    try {
      for await (const hit of this.run(text, options)) {
        firstResultMs ??= this.node.clock.now() - started
        cids.add(hit.cid)
        yield hit
      }
      if (!options.signal?.aborted) outcome = cids.size > 0 ? 'results' : 'empty'
    } catch (err) {
      if (err instanceof InvalidArgumentError) outcome = 'invalid'
      throw err
    } finally {
      this.init.onQuery?.({ outcome, results: cids.size, firstResultMs, durationMs: this.node.clock.now() - started })
    }
  }

  private async *run(text: string | SearchQuery, options: SearchOptions): AsyncGenerator<SearchHit> {
    const query = typeof text === 'string' ? parseQuery(text, { prefix: options.prefix }) : text
    const limit = clampInt(options.limit, DEFAULT_SEARCH_LIMIT, 1, MAX_SEARCH_LIMIT, 'limit')
    const timeoutMs = clampInt(options.timeoutMs, DEFAULT_SEARCH_TIMEOUT_MS, 1, MAX_SEARCH_TIMEOUT_MS, 'timeoutMs')
    const hits = new HitSet(query)
    const emitted = new Set<string>()
    const queue: SearchHit[] = []
    let wake: (() => void) | undefined
    let full = 0
    const stop = new AbortController()
    const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal
    // Every connected peer and every lookup request listens on it.
    setMaxListeners(0, signal)
    const deadline = this.node.clock.setTimeout(() => stop.abort(), timeoutMs)

    const accept = (found: FoundEntry) => {
      const { entry } = found
      // Never trust what a peer returns: every entry must carry its publisher's valid signature.
      if (checkEntry(entry) !== undefined) return
      const provider: PeerRecord = { id: publisherId(entry), addresses: found.addresses }
      const hit = hits.add(entry, provider)
      if (!hit?.match.all) return
      if (!emitted.has(hit.cid)) {
        if (full >= limit) return
        emitted.add(hit.cid)
        full++
      }
      queue.push({ ...hit, providers: [...hit.providers] })
      wake?.()
    }
    const fromResponse = (response: DhtResponse) => {
      if (response.type === 'ENTRIES') for (const f of response.entries) accept(f)
    }
    const perAnswer = Math.min(limit, MAX_ENTRIES_PER_MESSAGE)

    for (const entry of this.node.localIndex.search(query, perAnswer)) {
      accept({ entry, addresses: this.node.addresses })
    }
    const sources: Promise<unknown>[] = []
    for (const contact of this.connectedPeers()) {
      sources.push(
        this.node
          .query(contact, { type: 'SEARCH_LOCAL', query, limit: perAnswer }, signal)
          .then(fromResponse, () => undefined),
      )
    }
    for (const { key } of queryKeys(query)) {
      sources.push(
        this.node
          .iterate(
            key,
            { type: 'FIND_ENTRIES', key, query, limit: perAnswer },
            {
              signal,
              onResponse: (_from, response) => {
                fromResponse(response)
                if (full >= limit) stop.abort()
              },
            },
          )
          .catch(() => undefined),
      )
    }
    let finished = false
    void Promise.allSettled(sources).then(() => {
      finished = true
      wake?.()
    })
    stop.signal.addEventListener('abort', () => wake?.(), { once: true })
    try {
      for (;;) {
        while (queue.length > 0) yield queue.shift() as SearchHit
        if (finished || signal.aborted) break
        await new Promise<void>((resolve) => {
          wake = resolve
        })
        wake = undefined
      }
      while (queue.length > 0) yield queue.shift() as SearchHit
      // Partial matches, best first, in the room the full matches left.
      for (const hit of hits.ranked()) {
        if (emitted.size >= limit) break
        if (hit.match.all || emitted.has(hit.cid)) continue
        emitted.add(hit.cid)
        yield { ...hit, providers: [...hit.providers] }
      }
    } finally {
      this.node.clock.clearTimeout(deadline)
      stop.abort()
    }
  }

  /** The contacts heard from most recently: the peers we are most likely connected to. */
  private connectedPeers(): Contact[] {
    return this.node.table
      .contacts()
      .map(({ contact }) => contact)
      .sort((a, b) => b.lastSeen - a.lastSeen)
      .slice(0, this.fanout)
  }
}

function clampInt(value: number | undefined, fallback: number, min: number, max: number, name: string): number {
  if (value === undefined || value === 0) return fallback
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidArgumentError(`${name} must be an integer in ${min}..${max}, got ${value}`)
  }
  return value
}

/** Runs `fn` over `items` with at most `limit` at once; failures of single items are ignored. */
async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]
      await fn(item).catch(() => undefined)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}
