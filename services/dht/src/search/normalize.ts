import { createHash } from 'node:crypto'
import type { Key } from '../kademlia/key.ts'

/** Longest word kept; longer runs of letters are cut (a file name is not a word list). */
export const MAX_WORD_CHARS = 32
/** Shortest word a type-ahead prefix key is built from, and the length of that prefix. */
export const PREFIX_CHARS = 3
/** Most DHT keywords one file publishes (name words first, then tags). */
export const MAX_KEYWORDS_PER_FILE = 24
/** Marks a prefix keyword; never part of a normalized word. */
const PREFIX_MARK = '*'
/** Domain separation: keyword keys cannot collide with CID or record keys. */
const KEYWORD_KEY_PREFIX = 'netswarm-search-keyword-v1:'

/**
 * Folds text for matching: case folded (upper then lower case, so ß = SS = ss and ﬁ = fi), then
 * NFD with combining marks dropped (é → e, İ → i), then NFC. Idempotent. Letters with no
 * decomposition (ø, CJK) are kept as they are.
 */
export function foldText(text: string): string {
  return text
    .toUpperCase()
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC')
}

/** Normalized words of `text`, in order, without duplicates: runs of letters and digits after folding. */
export function wordsOf(text: string): string[] {
  const out: string[] = []
  const seen = new Set<string>()
  for (const raw of foldText(text).split(/[^\p{L}\p{N}]+/u)) {
    if (raw.length === 0) continue
    const word = [...raw].slice(0, MAX_WORD_CHARS).join('')
    if (seen.has(word)) continue
    seen.add(word)
    out.push(word)
  }
  return out
}

/** The prefix keyword of a word (for type-ahead), or undefined for words shorter than {@link PREFIX_CHARS}. */
export function prefixKeyword(word: string): string | undefined {
  const chars = [...word]
  return chars.length >= PREFIX_CHARS ? `${chars.slice(0, PREFIX_CHARS).join('')}${PREFIX_MARK}` : undefined
}

/** What a file's DHT keywords are derived from. */
export interface KeywordSource {
  name: string
  tags: readonly string[]
}

/**
 * The DHT keywords of a file: every word of its name and tags, plus each word's prefix keyword
 * (`abc*`), name first, at most {@link MAX_KEYWORDS_PER_FILE}. Descriptions are matched but not
 * published (they would multiply the publication cost).
 */
export function keywordsOf(source: KeywordSource): string[] {
  const words = wordsOf([source.name, ...source.tags].join(' '))
  const out: string[] = []
  const seen = new Set<string>()
  const push = (k: string | undefined) => {
    if (k !== undefined && !seen.has(k) && out.length < MAX_KEYWORDS_PER_FILE) {
      seen.add(k)
      out.push(k)
    }
  }
  for (const w of words) push(w)
  for (const w of words) push(prefixKeyword(w))
  return out
}

/** The DHT key of a keyword: SHA-256 of a domain prefix and the keyword's UTF-8 bytes. */
export function keywordKey(keyword: string): Key {
  return new Uint8Array(createHash('sha256').update(KEYWORD_KEY_PREFIX).update(keyword, 'utf8').digest())
}
