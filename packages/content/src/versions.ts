/**
 * Named versions. A name's DHT record value says which content is the newest version; the
 * version log (a small file) lists every version. Both are deterministic dag-cbor, decoded
 * strictly (exact keys, canonical encoding) and throw only VersionError. See docs/versions.md.
 *
 * Record value: { v: 1, seq, cid, prev, time, msg, log }
 * Log:          { v: 1, entries: [{ seq, cid, prev, time, msg, chunks, shared }] }, oldest first.
 */
import * as dagCbor from '@ipld/dag-cbor'
import { CID } from 'multiformats/cid'
import { equalBytes, isManifestCid } from './cid.ts'
import { hasExactKeys, isPlainObject } from './document-shape.ts'
import { VersionError } from './errors.ts'

/** The DHT's limit on a record value. */
export const MAX_VERSION_RECORD_BYTES = 1024
/** Longest version message, in UTF-8 bytes. */
export const MAX_VERSION_MESSAGE_BYTES = 256
/** Most versions one log lists (prune to go beyond). */
export const MAX_VERSION_LOG_ENTRIES = 100_000
/** Media type of a version log file. */
export const VERSION_LOG_MEDIA_TYPE = 'application/vnd.netswarm.version-log+cbor'

/** What a name's signed DHT record says: its newest version. */
export interface VersionRecordValue {
  /** Equals the signed record's sequence number (1 for the first version). */
  sequence: number
  /** Content of this version: a file or folder manifest CID. */
  cid: CID
  /** Content of the version before, or null for the first. */
  previous: CID | null
  /** Publication time, Unix milliseconds. */
  timeMs: number
  message: string
  /** The version log that lists every version up to this one (its file manifest CID). */
  log: CID | null
}

/** One version as the log lists it. */
export interface VersionEntry {
  sequence: number
  cid: CID
  previous: CID | null
  timeMs: number
  message: string
  /** Distinct chunks of this version's content. */
  chunks: number
  /** How many of them the previous version also has. */
  sharedChunks: number
}

const RECORD_KEYS = ['cid', 'log', 'msg', 'prev', 'seq', 'time', 'v']
const ENTRY_KEYS = ['chunks', 'cid', 'msg', 'prev', 'seq', 'shared', 'time']
const LOG_KEYS = ['entries', 'v']

function fail(what: string, message: string, cause?: unknown): never {
  throw new VersionError(`invalid ${what}: ${message}`, cause === undefined ? undefined : { cause })
}

function checkKeys(what: string, value: unknown, keys: string[]): Record<string, unknown> {
  if (!isPlainObject(value)) fail(what, 'must be a map')
  if (!hasExactKeys(value, keys)) fail(what, `must have exactly the keys ${keys.join(', ')}`)
  return value
}

function checkCount(what: string, field: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    fail(what, `${field} must be an integer >= ${min}`)
  }
  return value
}

function checkContentCid(what: string, field: string, value: unknown, nullable: boolean): CID | null {
  if (value === null && nullable) return null
  const cid = CID.asCID(value)
  if (cid === null || !isManifestCid(cid))
    fail(what, `${field} must be a CIDv1 dag-cbor sha2-256${nullable ? ' or null' : ''}`)
  return cid
}

/** Checks a message: well-formed Unicode, no NUL, at most MAX_VERSION_MESSAGE_BYTES UTF-8 bytes. */
export function checkVersionMessage(message: unknown, what = 'version'): string {
  if (typeof message !== 'string') fail(what, 'message must be a string')
  if (message.includes('\0')) fail(what, 'message must not contain NUL')
  const utf8 = Buffer.from(message, 'utf8')
  if (utf8.length > MAX_VERSION_MESSAGE_BYTES)
    fail(what, `message must be at most ${MAX_VERSION_MESSAGE_BYTES} UTF-8 bytes`)
  if (utf8.toString('utf8') !== message) fail(what, 'message must be well-formed Unicode')
  return message
}

function decodeCbor(what: string, bytes: Uint8Array, maxBytes: number): unknown {
  if (!(bytes instanceof Uint8Array)) fail(what, 'bytes must be a Uint8Array')
  if (bytes.length > maxBytes) fail(what, `encoded form exceeds ${maxBytes} bytes`)
  try {
    return dagCbor.decode(bytes)
  } catch (cause) {
    fail(what, 'not valid dag-cbor', cause)
  }
}

function validateRecordValue(value: unknown): VersionRecordValue {
  const what = 'version record'
  const v = checkKeys(what, value, RECORD_KEYS)
  if (v.v !== 1) fail(what, 'v must be 1')
  const sequence = checkCount(what, 'seq', v.seq, 1)
  const cid = checkContentCid(what, 'cid', v.cid, false) as CID
  const previous = checkContentCid(what, 'prev', v.prev, true)
  return {
    sequence,
    cid,
    previous,
    timeMs: checkCount(what, 'time', v.time, 0),
    message: checkVersionMessage(v.msg, what),
    log: checkContentCid(what, 'log', v.log, true),
  }
}

function recordEncodable(r: VersionRecordValue) {
  return { v: 1, seq: r.sequence, cid: r.cid, prev: r.previous, time: r.timeMs, msg: r.message, log: r.log }
}

/** Encodes a record value (validated; at most MAX_VERSION_RECORD_BYTES). Throws VersionError. */
export function encodeVersionRecord(record: VersionRecordValue): Uint8Array {
  const bytes = dagCbor.encode(recordEncodable(validateRecordValue(recordEncodable(record))))
  if (bytes.length > MAX_VERSION_RECORD_BYTES) fail('version record', `encodes to ${bytes.length} bytes`)
  return bytes
}

/** Decodes a record value strictly (canonical dag-cbor only). Throws VersionError. */
export function decodeVersionRecord(bytes: Uint8Array): VersionRecordValue {
  const record = validateRecordValue(decodeCbor('version record', bytes, MAX_VERSION_RECORD_BYTES))
  if (!equalBytes(dagCbor.encode(recordEncodable(record)), bytes)) fail('version record', 'encoding is not canonical')
  return record
}

function validateEntry(value: unknown, i: number): VersionEntry {
  const what = `version log entry ${i}`
  const e = checkKeys(what, value, ENTRY_KEYS)
  const chunks = checkCount(what, 'chunks', e.chunks, 0)
  const sharedChunks = checkCount(what, 'shared', e.shared, 0)
  if (sharedChunks > chunks) fail(what, 'shared must not exceed chunks')
  return {
    sequence: checkCount(what, 'seq', e.seq, 1),
    cid: checkContentCid(what, 'cid', e.cid, false) as CID,
    previous: checkContentCid(what, 'prev', e.prev, true),
    timeMs: checkCount(what, 'time', e.time, 0),
    message: checkVersionMessage(e.msg, what),
    chunks,
    sharedChunks,
  }
}

function validateLog(value: unknown): VersionEntry[] {
  const v = checkKeys('version log', value, LOG_KEYS)
  if (v.v !== 1) fail('version log', 'v must be 1')
  if (!Array.isArray(v.entries)) fail('version log', 'entries must be an array')
  if (v.entries.length > MAX_VERSION_LOG_ENTRIES) fail('version log', `at most ${MAX_VERSION_LOG_ENTRIES} entries`)
  const entries = v.entries.map(validateEntry)
  for (let i = 1; i < entries.length; i++) {
    if (entries[i].sequence <= entries[i - 1].sequence) fail('version log', 'sequences must increase')
  }
  return entries
}

function logEncodable(entries: VersionEntry[]) {
  return {
    v: 1,
    entries: entries.map((e) => ({
      seq: e.sequence,
      cid: e.cid,
      prev: e.previous,
      time: e.timeMs,
      msg: e.message,
      chunks: e.chunks,
      shared: e.sharedChunks,
    })),
  }
}

/** Encodes a version log, oldest first (validated). Throws VersionError. */
export function encodeVersionLog(entries: VersionEntry[]): Uint8Array {
  return dagCbor.encode(logEncodable(validateLog(logEncodable(entries))))
}

/** Decodes a version log strictly. Throws VersionError. */
export function decodeVersionLog(bytes: Uint8Array, maxBytes = 64 * 1024 * 1024): VersionEntry[] {
  const entries = validateLog(decodeCbor('version log', bytes, maxBytes))
  if (!equalBytes(dagCbor.encode(logEncodable(entries)), bytes)) fail('version log', 'encoding is not canonical')
  return entries
}

/** How many distinct CIDs of `current` are also in `previous`. */
export function sharedCount(current: Iterable<string>, previous: ReadonlySet<string>): number {
  let shared = 0
  for (const cid of new Set(current)) if (previous.has(cid)) shared += 1
  return shared
}
