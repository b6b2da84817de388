import { type Key, keyToHex } from '../kademlia/key.ts'
import type { SearchEntry } from './entry.ts'

/** An entry held for a keyword, with where its publisher was heard and when it lapses. */
export interface StoredEntry {
  entry: SearchEntry
  /** The publisher's addresses as the storing node saw them (the publisher stored it itself). */
  addresses: string[]
  /** Hex peer ID of the publisher. */
  publisher: string
  storedAt: number
  expiresAt: number
  /** Hash of the CID salted with this store's salt: the highest goes first when a list is full. */
  rank: number
}

/** Options of {@link KeywordEntryStore}. */
export interface KeywordEntryStoreInit {
  /** Entry lifetime unless republished. @default 48 h */
  ttlMs?: number
  /** Most entries per keyword. @default 256 */
  maxPerKeyword?: number
  /** Most entries one publisher holds under one keyword. @default 32 */
  maxPerPublisherPerKeyword?: number
  /** Most entries one publisher holds in this store in total. @default 4096 */
  maxPerPublisher?: number
  /** Most entries in total. @default 200000 */
  maxTotal?: number
  /** Salt of the eviction ranks (the node's ID): each node keeps a different sample of a long list. */
  salt?: number
  /** Told when stored entries are dropped to make room for another (metrics). */
  onEvicted?: () => void
}

/** Outcome of {@link KeywordEntryStore.put}. */
export type EntryPutOutcome = 'stored' | 'refreshed' | 'stale' | 'not-sampled' | 'publisher-full' | 'store-full'

interface KeywordList {
  /** By `publisherHex:cid`, in refresh order (oldest first). */
  entries: Map<string, StoredEntry>
  /** Entries per publisher under this keyword. */
  perPublisher: Map<string, number>
}

/**
 * Search entries stored for others, under keyword keys. Bounded per keyword, per publisher and in
 * total; entries expire after `ttlMs` unless their publisher stores them again.
 *
 * Fairness when a keyword's list is full: one publisher can hold at most
 * `maxPerPublisherPerKeyword` entries of it (its own oldest entry makes room for its new one);
 * otherwise the oldest entry of the most represented publisher is evicted, so a flood from one
 * peer displaces that peer's entries before anyone else's.
 */
export class KeywordEntryStore {
  private readonly byKeyword = new Map<string, KeywordList>()
  private readonly perPublisher = new Map<string, number>()
  private total = 0
  readonly ttlMs: number
  private readonly maxPerKeyword: number
  private readonly maxPerPublisherPerKeyword: number
  private readonly maxPerPublisher: number
  private readonly maxTotal: number
  private readonly salt: number
  private readonly onEvicted: (() => void) | undefined

  constructor(init: KeywordEntryStoreInit = {}) {
    this.ttlMs = init.ttlMs ?? 48 * 3600_000
    this.maxPerKeyword = init.maxPerKeyword ?? 256
    this.maxPerPublisherPerKeyword = Math.min(init.maxPerPublisherPerKeyword ?? 32, this.maxPerKeyword)
    this.maxPerPublisher = init.maxPerPublisher ?? 4096
    this.maxTotal = init.maxTotal ?? 200_000
    this.salt = init.salt ?? 0
    this.onEvicted = init.onEvicted
  }

  /** Entries stored. */
  get size(): number {
    return this.total
  }

  /** Keywords with at least one entry. */
  get keywords(): number {
    return this.byKeyword.size
  }

  /**
   * Stores (or refreshes) `entry` under `key`. The caller has verified the entry and that the
   * sender is its publisher (`publisherHex`).
   */
  put(key: Key, entry: SearchEntry, publisherHex: string, addresses: string[], now: number): EntryPutOutcome {
    const hex = keyToHex(key)
    const id = `${publisherHex}:${entry.cid}`
    let list = this.byKeyword.get(hex)
    const held = list?.entries.get(id)
    const stored: StoredEntry = {
      entry,
      addresses,
      publisher: publisherHex,
      storedAt: now,
      expiresAt: now + this.ttlMs,
      rank: held?.rank ?? saltedHash(entry.cid, this.salt),
    }
    if (list && held) {
      if (held.entry.publishedAt > entry.publishedAt) return 'stale'
      list.entries.delete(id)
      list.entries.set(id, stored)
      return 'refreshed'
    }
    if ((this.perPublisher.get(publisherHex) ?? 0) >= this.maxPerPublisher) {
      this.expire(now)
      if ((this.perPublisher.get(publisherHex) ?? 0) >= this.maxPerPublisher) return 'publisher-full'
    }
    if (this.total >= this.maxTotal) {
      this.expire(now)
      if (this.total >= this.maxTotal) return 'store-full'
    }
    if (!list) {
      list = { entries: new Map(), perPublisher: new Map() }
      this.byKeyword.set(hex, list)
    }
    if ((list.perPublisher.get(publisherHex) ?? 0) >= this.maxPerPublisherPerKeyword) {
      this.evictOldestOf(hex, list, publisherHex)
    } else if (list.entries.size >= this.maxPerKeyword) {
      this.dropExpired(hex, list, now)
      if (list.entries.size >= this.maxPerKeyword) {
        // The most represented publisher gives up its highest-ranked entry; when every publisher
        // holds one, the highest-ranked of all goes, the new one included: the list is then a
        // pseudo-random sample of the keyword's files (bottom-k by salted hash), different on
        // each node and stable across republishing.
        const loser = mostRepresented(list)
        const candidates = [...list.entries.values()].filter((e) => loser === undefined || e.publisher === loser)
        const worst = candidates.reduce((a, b) => (b.rank > a.rank ? b : a), candidates[0])
        if (loser === undefined || loser === publisherHex) {
          if (!worst || stored.rank > worst.rank) return 'not-sampled'
        }
        if (worst) {
          list.entries.delete(`${worst.publisher}:${worst.entry.cid}`)
          this.count(list, worst.publisher, -1)
          this.onEvicted?.()
        }
      }
    }
    // Evictions may have emptied and unlinked the list.
    this.byKeyword.set(hex, list)
    list.entries.set(id, stored)
    this.count(list, publisherHex, +1)
    return 'stored'
  }

  /** Removes the entry of `publisherHex` for `cid` under `key`; true when one was held. */
  remove(key: Key, publisherHex: string, cid: string): boolean {
    const hex = keyToHex(key)
    const list = this.byKeyword.get(hex)
    const id = `${publisherHex}:${cid}`
    if (!list?.entries.has(id)) return false
    list.entries.delete(id)
    this.count(list, publisherHex, -1)
    if (list.entries.size === 0) this.byKeyword.delete(hex)
    return true
  }

  /** Live entries under `key`, oldest first. */
  get(key: Key, now: number): StoredEntry[] {
    const list = this.byKeyword.get(keyToHex(key))
    if (!list) return []
    return [...list.entries.values()].filter((e) => e.expiresAt > now)
  }

  /** How many entries `publisherHex` holds under `key` (tests, metrics). */
  countOf(key: Key, publisherHex: string): number {
    return this.byKeyword.get(keyToHex(key))?.perPublisher.get(publisherHex) ?? 0
  }

  /** Drops expired entries everywhere. */
  expire(now: number): void {
    for (const [hex, list] of this.byKeyword) this.dropExpired(hex, list, now)
  }

  private dropExpired(hex: string, list: KeywordList, now: number): void {
    // Insertion order is refresh order and the TTL is fixed: expired entries are at the front.
    for (const [id, e] of list.entries) {
      if (e.expiresAt > now) break
      list.entries.delete(id)
      this.count(list, e.publisher, -1)
    }
    if (list.entries.size === 0) this.byKeyword.delete(hex)
  }

  private evictOldestOf(hex: string, list: KeywordList, publisherHex: string | undefined): void {
    if (publisherHex === undefined) return
    // Insertion order is refresh order: the first match is the publisher's oldest entry.
    for (const [id, e] of list.entries) {
      if (e.publisher !== publisherHex) continue
      list.entries.delete(id)
      this.count(list, publisherHex, -1)
      this.onEvicted?.()
      if (list.entries.size === 0) this.byKeyword.delete(hex)
      return
    }
  }

  private count(list: KeywordList, publisherHex: string, delta: number): void {
    this.total += delta
    const inList = (list.perPublisher.get(publisherHex) ?? 0) + delta
    if (inList > 0) list.perPublisher.set(publisherHex, inList)
    else list.perPublisher.delete(publisherHex)
    const overall = (this.perPublisher.get(publisherHex) ?? 0) + delta
    if (overall > 0) this.perPublisher.set(publisherHex, overall)
    else this.perPublisher.delete(publisherHex)
  }
}

/**
 * The publisher with the most entries in `list` (ties: the first to get an entry in it);
 * undefined when every publisher holds exactly one.
 */
function mostRepresented(list: KeywordList): string | undefined {
  let best: string | undefined
  let bestCount = 0
  for (const [publisher, n] of list.perPublisher) {
    if (n > bestCount) {
      best = publisher
      bestCount = n
    }
  }
  return bestCount > 1 ? best : undefined
}

/** FNV-1a of `text` mixed with `salt` (32 bits, unsigned). */
export function saltedHash(text: string, salt: number): number {
  let h = (0x811c9dc5 ^ salt) >>> 0
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h
}
