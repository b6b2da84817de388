import { keyToHex } from '../kademlia/key.ts'
import type { PeerRecord } from '../rpc/messages.ts'
import type { FileMetadata, SearchEntry } from './entry.ts'
import { wordsOf } from './normalize.ts'
import type { SearchQuery } from './query.ts'

/** How an entry matches a query. */
export interface EntryMatch {
  /** Query words found anywhere (name, tags, description). */
  matched: number
  /** Query words found in the name. */
  inName: number
  /** Every query word was found. */
  all: boolean
}

/** Words of a file's fields, for matching. */
export interface IndexedWords {
  name: string[]
  other: string[]
}

/** The normalized words of an entry's name, and of its tags and description. */
export function indexWords(m: Pick<FileMetadata, 'name' | 'tags' | 'description'>): IndexedWords {
  return { name: wordsOf(m.name), other: wordsOf([...m.tags, m.description].join(' ')) }
}

/** Matches `query` against `words`; with `query.prefix` the last query word may be a word's prefix. */
export function matchWords(query: SearchQuery, words: IndexedWords): EntryMatch {
  let matched = 0
  let inName = 0
  query.words.forEach((q, i) => {
    const prefix = query.prefix && i === query.words.length - 1
    const hit = (w: string) => (prefix ? w.startsWith(q) : w === q)
    if (words.name.some(hit)) {
      matched++
      inName++
    } else if (words.other.some(hit)) matched++
  })
  return { matched, inName, all: matched === query.words.length }
}

/** Words of entries already seen (entries are immutable; the same one is matched by many queries). */
const wordCache = new WeakMap<object, IndexedWords>()

/** {@link matchWords} on an entry's metadata. */
export function matchEntry(query: SearchQuery, m: Pick<FileMetadata, 'name' | 'tags' | 'description'>): EntryMatch {
  let words = wordCache.get(m)
  if (!words) {
    words = indexWords(m)
    wordCache.set(m, words)
  }
  return matchWords(query, words)
}

/** Best matches first: all words, then words in the name, then words matched. */
export function compareMatches(a: EntryMatch, b: EntryMatch): number {
  return Number(b.all) - Number(a.all) || b.inName - a.inName || b.matched - a.matched
}

/** A search result: one file (by CID) with every provider found so far. */
export interface SearchHit extends FileMetadata {
  providers: PeerRecord[]
  match: EntryMatch
  /** Higher ranks first: all words matched, then words in the name, then more providers. */
  score: number
}

/** The rank of a hit: all words matched ≫ words matched in the name ≫ words matched ≫ providers. */
export function scoreOf(match: EntryMatch, providers: number): number {
  return (match.all ? 1_000_000 : 0) + match.inName * 10_000 + match.matched * 1_000 + Math.min(providers, 999)
}

/** Orders hits best first (ties by name, then CID, so the order is stable). */
export function compareHits(a: SearchHit, b: SearchHit): number {
  return b.score - a.score || a.name.localeCompare(b.name) || a.cid.localeCompare(b.cid)
}

/**
 * Merges search entries into hits, de-duplicated by CID. Each publisher of a file is one of its
 * providers. The metadata shown is that of the newest entry.
 */
export class HitSet {
  private readonly hits = new Map<string, { hit: SearchHit; publishedAt: number; providerIds: Set<string> }>()

  constructor(private readonly query: SearchQuery) {}

  get size(): number {
    return this.hits.size
  }

  /** Adds an entry; returns the hit when it is new or changed (a new provider or newer metadata). */
  add(entry: SearchEntry, provider: PeerRecord): SearchHit | undefined {
    const pid = keyToHex(provider.id)
    const held = this.hits.get(entry.cid)
    if (!held) {
      const match = matchEntry(this.query, entry)
      const hit: SearchHit = {
        cid: entry.cid,
        name: entry.name,
        mediaType: entry.mediaType,
        size: entry.size,
        tags: entry.tags,
        description: entry.description,
        providers: [provider],
        match,
        score: scoreOf(match, 1),
      }
      this.hits.set(entry.cid, { hit, publishedAt: entry.publishedAt, providerIds: new Set([pid]) })
      return hit
    }
    let changed = false
    if (!held.providerIds.has(pid)) {
      held.providerIds.add(pid)
      held.hit.providers.push(provider)
      changed = true
    }
    if (entry.publishedAt > held.publishedAt) {
      held.publishedAt = entry.publishedAt
      const match = matchEntry(this.query, entry)
      Object.assign(held.hit, {
        name: entry.name,
        mediaType: entry.mediaType,
        size: entry.size,
        tags: entry.tags,
        description: entry.description,
        match,
      })
      changed = true
    }
    if (changed) held.hit.score = scoreOf(held.hit.match, held.hit.providers.length)
    return changed ? held.hit : undefined
  }

  has(cid: string): boolean {
    return this.hits.has(cid)
  }

  /** Every hit, best first. */
  ranked(): SearchHit[] {
    return [...this.hits.values()].map((h) => h.hit).sort(compareHits)
  }
}
