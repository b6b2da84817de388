import { InvalidArgumentError } from '@netswarm/runtime'
import { keywordKey, PREFIX_CHARS, prefixKeyword, wordsOf } from './normalize.ts'

/** Longest query text accepted. */
export const MAX_QUERY_CHARS = 200
/** Most words a query may hold. */
export const MAX_QUERY_WORDS = 8
/** Most results a query may ask for. */
export const MAX_SEARCH_LIMIT = 200

/** A query that cannot be run: empty, too long, too many words, or with control characters. */
export class InvalidQueryError extends InvalidArgumentError {}

/** A parsed query: normalized words; with `prefix`, the last word also matches longer words. */
export interface SearchQuery {
  words: string[]
  prefix: boolean
}

/**
 * Parses user text into a query.
 * @throws InvalidQueryError with a message that says what to change.
 */
export function parseQuery(text: string, options: { prefix?: boolean } = {}): SearchQuery {
  if (text.length > MAX_QUERY_CHARS) {
    throw new InvalidQueryError(`query is ${text.length} characters long; the limit is ${MAX_QUERY_CHARS}`)
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused here
  if (/[\u0000-\u001f\u007f-\u009f]/.test(text)) {
    throw new InvalidQueryError('query contains control characters (tabs, newlines, escapes); remove them')
  }
  const words = wordsOf(text)
  if (words.length === 0) throw new InvalidQueryError('query is empty: type at least one word of letters or digits')
  if (words.length > MAX_QUERY_WORDS) {
    throw new InvalidQueryError(`query has ${words.length} words; the limit is ${MAX_QUERY_WORDS}`)
  }
  return { words, prefix: options.prefix ?? false }
}

/** The keywords whose DHT entry lists a query reads: each full word, and a prefix word's prefix key. */
export function queryKeywords(query: SearchQuery): string[] {
  const out = new Set<string>()
  query.words.forEach((w, i) => {
    const isPrefix = query.prefix && i === query.words.length - 1
    // A prefix shorter than the prefix keys can only match as a whole word.
    if (isPrefix && [...w].length >= PREFIX_CHARS) out.add(prefixKeyword(w) as string)
    else out.add(w)
  })
  return [...out]
}

/** {@link queryKeywords} with their DHT keys. */
export function queryKeys(query: SearchQuery): { keyword: string; key: Uint8Array }[] {
  return queryKeywords(query).map((keyword) => ({ keyword, key: keywordKey(keyword) }))
}
