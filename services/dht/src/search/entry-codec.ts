/** Wire forms of search entries and queries (inside the DHT codec's dag-cbor maps, docs/dht.md). */
import { DhtCodecError, MAX_ADDRESS_CHARS, MAX_ADDRESSES } from '../rpc/codec.ts'
import { ENTRY_LIMITS, type SearchEntry } from './entry.ts'
import { MAX_QUERY_WORDS, MAX_SEARCH_LIMIT, type SearchQuery } from './query.ts'

/** Most entries in one ENTRIES answer (the encoder also trims to the message size). */
export const MAX_ENTRIES_PER_MESSAGE = 40
/** Longest keyword on the wire (a word of 32 code points is at most 128 UTF-16 units). */
export const MAX_KEYWORD_CHARS = 130

/** A search entry as found: its publisher's addresses as the answering node knows them. */
export interface FoundEntry {
  entry: SearchEntry
  addresses: string[]
}

export function entryToCbor(e: SearchEntry): unknown {
  return [e.publisher, e.cid, e.name, e.mediaType, e.size, e.tags, e.description, e.publishedAt, e.signature]
}

export function entryFromCbor(v: unknown): SearchEntry {
  if (!Array.isArray(v) || v.length !== 9) throw new DhtCodecError('entry must be a list of 9 fields')
  const [publisher, cid, name, mediaType, size, tags, description, publishedAt, signature] = v
  const L = ENTRY_LIMITS
  if (!Array.isArray(tags) || tags.length > L.tags) throw new DhtCodecError(`entry tags must list at most ${L.tags}`)
  return {
    publisher: bytes(publisher, 'entry.publisher', 32),
    cid: text(cid, 'entry.cid', L.cidChars),
    name: text(name, 'entry.name', L.nameChars),
    mediaType: text(mediaType, 'entry.mediaType', L.mediaTypeChars),
    size: integer(size, 'entry.size'),
    tags: tags.map((t) => text(t, 'entry.tags', L.tagChars)),
    description: text(description, 'entry.description', L.descriptionChars),
    publishedAt: integer(publishedAt, 'entry.publishedAt'),
    signature: bytes(signature, 'entry.signature', 64),
  }
}

export function queryToCbor(q: SearchQuery): unknown {
  return [q.words, q.prefix]
}

export function queryFromCbor(v: unknown): SearchQuery {
  if (!Array.isArray(v) || v.length !== 2) throw new DhtCodecError('query must be [words, prefix]')
  const [words, prefix] = v
  if (!Array.isArray(words) || words.length === 0 || words.length > MAX_QUERY_WORDS) {
    throw new DhtCodecError(`query must hold 1..${MAX_QUERY_WORDS} words`)
  }
  if (typeof prefix !== 'boolean') throw new DhtCodecError('query prefix must be a boolean')
  return { words: words.map((w) => keyword(w, 'query.words')), prefix }
}

export function keyword(v: unknown, field: string): string {
  if (typeof v !== 'string' || v.length === 0 || v.length > MAX_KEYWORD_CHARS) {
    throw new DhtCodecError(`field ${field} must be a string of 1..${MAX_KEYWORD_CHARS} chars`)
  }
  return v
}

export function limitFromCbor(v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > MAX_SEARCH_LIMIT) {
    throw new DhtCodecError(`field l must be an integer in 1..${MAX_SEARCH_LIMIT}`)
  }
  return v
}

export function foundToCbor(f: FoundEntry): unknown {
  return [entryToCbor(f.entry), f.addresses]
}

export function foundFromCbor(v: unknown): FoundEntry[] {
  if (!Array.isArray(v) || v.length > MAX_ENTRIES_PER_MESSAGE) {
    throw new DhtCodecError(`field e must list at most ${MAX_ENTRIES_PER_MESSAGE} entries`)
  }
  return v.map((f) => {
    if (!Array.isArray(f) || f.length !== 2) throw new DhtCodecError('found entry must be [entry, addresses]')
    const addrs = f[1]
    if (!Array.isArray(addrs) || addrs.length > MAX_ADDRESSES) {
      throw new DhtCodecError(`found entry must list at most ${MAX_ADDRESSES} addresses`)
    }
    for (const a of addrs) {
      if (typeof a !== 'string' || a.length === 0 || a.length > MAX_ADDRESS_CHARS) {
        throw new DhtCodecError('found entry holds an address that is not a short string')
      }
    }
    return { entry: entryFromCbor(f[0]), addresses: addrs as string[] }
  })
}

function text(v: unknown, field: string, max: number): string {
  if (typeof v !== 'string' || v.length > max)
    throw new DhtCodecError(`field ${field} must be a string of at most ${max} chars`)
  return v
}

function bytes(v: unknown, field: string, length: number): Uint8Array {
  if (!(v instanceof Uint8Array) || v.length !== length)
    throw new DhtCodecError(`field ${field} must be ${length} bytes`)
  return v
}

function integer(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
    throw new DhtCodecError(`field ${field} must be a non-negative safe integer`)
  }
  return v
}
