import { keyToHex } from '../kademlia/key.ts'
import type { DhtRequest, DhtResponse, PeerRecord } from '../rpc/messages.ts'
import { checkEntry, publisherId } from './entry.ts'
import { type FoundEntry, MAX_ENTRIES_PER_MESSAGE } from './entry-codec.ts'
import type { KeywordEntryStore } from './entry-store.ts'
import { bestMatches, type LocalIndex } from './local-index.ts'
import { keywordKey } from './normalize.ts'
import type { EntryRefusal, SearchObserver } from './observer.ts'

type SearchRequest = Extract<DhtRequest, { type: 'STORE_ENTRY' | 'REMOVE_ENTRY' | 'FIND_ENTRIES' | 'SEARCH_LOCAL' }>

/** What the search request handlers read and write. */
export interface SearchHandlerContext {
  entries: KeywordEntryStore
  local: LocalIndex
  /** Our own wire addresses (SEARCH_LOCAL answers name us as the provider). */
  self: PeerRecord
  /** Closer peers to a key, as for the other lookup requests. */
  closer: (key: Uint8Array, count?: number) => PeerRecord[]
  /** Told of every request and refused entry (metrics). */
  observer?: Pick<SearchObserver, 'request' | 'refused'>
}

/**
 * Answers the search requests. STORE_ENTRY is taken only from the entry's publisher itself, with a
 * valid signature, under a keyword that derives from the signed name and tags: nobody can store
 * entries for others or under unrelated words.
 */
export function handleSearchRequest(
  ctx: SearchHandlerContext,
  from: { id: Uint8Array; addresses: string[] },
  request: SearchRequest,
  now: number,
): DhtResponse {
  ctx.observer?.request(request.type)
  const refuse = (reason: EntryRefusal, response: DhtResponse): DhtResponse => {
    ctx.observer?.refused(reason)
    return response
  }
  switch (request.type) {
    case 'STORE_ENTRY': {
      const { entry, keyword } = request
      const problem = checkEntry(entry, keyword)
      if (problem) {
        return refuse(problem, { type: 'ERROR', code: 'INVALID_RECORD', message: `entry refused: ${problem}` })
      }
      const publisher = keyToHex(publisherId(entry))
      if (publisher !== keyToHex(from.id)) {
        const message = 'entry refused: only its publisher may store it'
        return refuse('not-publisher', { type: 'ERROR', code: 'INVALID_RECORD', message })
      }
      if (from.addresses.length === 0) {
        const message = 'entry refused: publisher has no address'
        return refuse('no-address', { type: 'ERROR', code: 'INVALID_RECORD', message })
      }
      const outcome = ctx.entries.put(keywordKey(keyword), entry, publisher, from.addresses, now)
      if (outcome === 'publisher-full') {
        const message = 'too many search entries from this publisher'
        return refuse(outcome, { type: 'ERROR', code: 'RATE_LIMITED', message })
      }
      if (outcome === 'store-full') {
        return refuse(outcome, { type: 'ERROR', code: 'STORE_FULL', message: 'search entry store is full' })
      }
      if (outcome === 'stale' || outcome === 'not-sampled') return refuse(outcome, { type: 'OK', stored: false })
      return { type: 'OK', stored: true }
    }
    case 'REMOVE_ENTRY':
      return {
        type: 'OK',
        stored: ctx.entries.remove(keywordKey(request.keyword), keyToHex(from.id), request.cid),
      }
    case 'FIND_ENTRIES': {
      const limit = Math.min(request.limit, MAX_ENTRIES_PER_MESSAGE)
      const salt = (ctx.self.id[0] << 24) | (ctx.self.id[1] << 16) | (ctx.self.id[2] << 8) | ctx.self.id[3]
      const stored = bestMatches(ctx.entries.get(request.key, now), request.query, limit, (s) => s.entry, salt)
      const entries: FoundEntry[] = stored.map((s) => ({ entry: s.entry, addresses: s.addresses }))
      return { type: 'ENTRIES', entries, closer: ctx.closer(request.key, request.count) }
    }
    case 'SEARCH_LOCAL': {
      const limit = Math.min(request.limit, MAX_ENTRIES_PER_MESSAGE)
      const entries = ctx.local.search(request.query, limit).map((entry) => ({ entry, addresses: ctx.self.addresses }))
      return { type: 'ENTRIES', entries, closer: [] }
    }
  }
}
