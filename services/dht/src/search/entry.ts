import { createHash } from 'node:crypto'
import * as cbor from '@ipld/dag-cbor'
import { verifySignature } from '@netswarm/identity'
import { keyToHex } from '../kademlia/key.ts'
import { keywordsOf } from './normalize.ts'

/** Limits of searchable metadata (they keep an entry well under 1 KiB in the usual case). */
export const ENTRY_LIMITS = {
  cidChars: 128,
  nameChars: 255,
  mediaTypeChars: 127,
  tags: 8,
  tagChars: 32,
  descriptionChars: 280,
} as const

/** What a peer tells the swarm about one public file. */
export interface FileMetadata {
  cid: string
  name: string
  mediaType: string
  size: number
  tags: string[]
  description: string
}

/**
 * A search entry: a public file's metadata signed by its publisher (the peer's Ed25519 key).
 * One signature covers the file; the entry is stored under each of its keywords, and a storer
 * checks that the keyword really derives from the signed name and tags.
 */
export interface SearchEntry extends FileMetadata {
  /** Raw 32-byte Ed25519 public key; the publisher's peer ID is its SHA-256. */
  publisher: Uint8Array
  /** Publisher's clock (Unix ms) when signed; a newer entry for the same file replaces an older one. */
  publishedAt: number
  signature: Uint8Array
}

/** Why an entry was refused. */
export type EntryProblem = 'bad-metadata' | 'bad-key' | 'bad-signature' | 'keyword-mismatch'

/** Domain separation: an entry signature can never be replayed as another kind of signed data. */
const SIGNING_PREFIX = new TextEncoder().encode('netswarm-search-entry-v1')

/** The signed fields in their wire order (dag-cbor is deterministic). */
export function entryFields(e: Omit<SearchEntry, 'signature'>): unknown[] {
  return [e.publisher, e.cid, e.name, e.mediaType, e.size, e.tags, e.description, e.publishedAt]
}

/** The bytes a signature covers: prefix ‖ dag-cbor(fields). */
export function entrySigningBytes(e: Omit<SearchEntry, 'signature'>): Uint8Array {
  const body = cbor.encode(entryFields(e))
  const out = new Uint8Array(SIGNING_PREFIX.length + body.length)
  out.set(SIGNING_PREFIX, 0)
  out.set(body, SIGNING_PREFIX.length)
  return out
}

/** Anything that can sign as a peer (a PeerIdentity). */
export interface EntrySigner {
  publicKey: Uint8Array
  sign(data: Uint8Array): Uint8Array
}

/** Signs `metadata` as published by `signer` at `publishedAt`. */
export function signEntry(signer: EntrySigner, metadata: FileMetadata, publishedAt: number): SearchEntry {
  const unsigned = {
    cid: metadata.cid,
    name: metadata.name,
    mediaType: metadata.mediaType,
    size: metadata.size,
    tags: [...metadata.tags],
    description: metadata.description,
    publisher: signer.publicKey,
    publishedAt,
  }
  return { ...unsigned, signature: signer.sign(entrySigningBytes(unsigned)) }
}

/** Checks metadata limits; returns a message for the first one broken. */
export function metadataProblem(m: FileMetadata): string | undefined {
  const L = ENTRY_LIMITS
  if (typeof m.cid !== 'string' || m.cid.length === 0 || m.cid.length > L.cidChars)
    return `cid must be 1..${L.cidChars} characters`
  if (typeof m.name !== 'string' || m.name.length === 0 || m.name.length > L.nameChars)
    return `name must be 1..${L.nameChars} characters`
  if (typeof m.mediaType !== 'string' || m.mediaType.length > L.mediaTypeChars)
    return `media type must be at most ${L.mediaTypeChars} characters`
  if (!Number.isSafeInteger(m.size) || m.size < 0) return 'size must be a non-negative integer'
  if (!Array.isArray(m.tags) || m.tags.length > L.tags) return `at most ${L.tags} tags`
  for (const t of m.tags) {
    if (typeof t !== 'string' || t.length === 0 || t.length > L.tagChars)
      return `each tag must be 1..${L.tagChars} characters`
  }
  if (typeof m.description !== 'string' || m.description.length > L.descriptionChars)
    return `description must be at most ${L.descriptionChars} characters`
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are refused in metadata
  const control = /[\u0000-\u001f\u007f-\u009f]/
  if ([m.name, m.mediaType, m.description, ...m.tags].some((s) => control.test(s)))
    return 'metadata must not contain control characters'
  if (keywordsOf(m).length === 0) return 'name and tags hold no word of letters or digits'
  return undefined
}

/**
 * Verified signatures, process-wide: the same entry arrives under each of its keywords and from
 * several replicas, and Ed25519 verification is the costly part of accepting it. Bounded.
 */
const verified = new Set<string>()
const MAX_VERIFIED = 50_000

function signatureValid(e: SearchEntry): boolean {
  const bytes = entrySigningBytes(e)
  // The cache key covers the signed bytes and the signature: a valid signature on other content misses.
  const id = keyToHex(createHash('sha256').update(bytes).update(e.signature).digest())
  if (verified.has(id)) return true
  if (!verifySignature(e.publisher, bytes, e.signature)) return false
  verified.add(id)
  if (verified.size > MAX_VERIFIED) {
    const oldest = verified.values().next().value
    if (oldest !== undefined) verified.delete(oldest)
  }
  return true
}

/**
 * Checks an entry: metadata limits, a 32-byte key, a valid signature and, when given, that
 * `keyword` is one of the entry's keywords. Undefined when the entry is valid.
 */
export function checkEntry(e: SearchEntry, keyword?: string): EntryProblem | undefined {
  if (metadataProblem(e) !== undefined) return 'bad-metadata'
  if (!Number.isSafeInteger(e.publishedAt) || e.publishedAt < 0) return 'bad-metadata'
  if (!(e.publisher instanceof Uint8Array) || e.publisher.length !== 32) return 'bad-key'
  if (keyword !== undefined && !keywordsOf(e).includes(keyword)) return 'keyword-mismatch'
  return signatureValid(e) ? undefined : 'bad-signature'
}

/** The peer ID (SHA-256 of the public key) of an entry's publisher. */
export function publisherId(e: Pick<SearchEntry, 'publisher'>): Uint8Array {
  return new Uint8Array(createHash('sha256').update(e.publisher).digest())
}
