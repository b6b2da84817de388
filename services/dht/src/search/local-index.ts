import type { SearchEntry } from './entry.ts'
import { saltedHash } from './entry-store.ts'
import type { SearchQuery } from './query.ts'
import { compareMatches, type EntryMatch, matchEntry } from './rank.ts'

/** The public files this peer published itself, by CID: what it answers SEARCH_LOCAL from. */
export class LocalIndex {
  private readonly entries = new Map<string, SearchEntry>()

  get size(): number {
    return this.entries.size
  }

  set(entry: SearchEntry): void {
    this.entries.set(entry.cid, entry)
  }

  get(cid: string): SearchEntry | undefined {
    return this.entries.get(cid)
  }

  delete(cid: string): boolean {
    return this.entries.delete(cid)
  }

  all(): SearchEntry[] {
    return [...this.entries.values()]
  }

  /** Entries matching at least one query word, best first, at most `limit`. */
  search(query: SearchQuery, limit: number): SearchEntry[] {
    return bestMatches(this.entries.values(), query, limit, (e) => e)
  }
}

/**
 * The `limit` items whose entries match `query` best (at least one word). Equal matches are
 * ordered by a hash of the CID salted with `salt`: replicas with different salts (their peer IDs)
 * return different slices of a long list, so a searcher asking several gets more of it.
 */
export function bestMatches<T>(
  items: Iterable<T>,
  query: SearchQuery,
  limit: number,
  entryOf: (item: T) => SearchEntry,
  salt = 0,
): T[] {
  const scored: { item: T; match: EntryMatch; tie: number }[] = []
  for (const item of items) {
    const entry = entryOf(item)
    const match = matchEntry(query, entry)
    if (match.matched > 0) scored.push({ item, match, tie: saltedHash(entry.cid, salt) })
  }
  scored.sort((a, b) => compareMatches(a.match, b.match) || a.tie - b.tie)
  return scored.slice(0, limit).map((s) => s.item)
}
