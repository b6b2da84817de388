import * as cbor from '@ipld/dag-cbor'
import {
  countField,
  envelopeFromCbor,
  envelopesFromCbor,
  envelopeToCbor,
  MAX_ENVELOPES_PER_MESSAGE,
  MAX_INBOX_OFFSET,
} from '../inbox/envelope-codec.ts'
import { KEY_BYTES } from '../kademlia/key.ts'
import { MAX_RECORD_VALUE_BYTES, type SignedRecord } from '../kademlia/records.ts'
import {
  entryFromCbor,
  entryToCbor,
  foundFromCbor,
  foundToCbor,
  keyword,
  limitFromCbor,
  MAX_ENTRIES_PER_MESSAGE,
  queryFromCbor,
  queryToCbor,
} from '../search/entry-codec.ts'
import type { DhtErrorCode, DhtRequest, DhtResponse, PeerRecord, RequestEnvelope } from './messages.ts'

/** Largest encoded DHT message. A NODES answer with 20 peers of 4 addresses stays under 8 KiB. */
export const MAX_MESSAGE_BYTES = 16 * 1024
/** Codec version carried in every message as `v`. */
export const CODEC_VERSION = 1
/** Most peers in one answer. */
export const MAX_PEERS_PER_MESSAGE = 40
/** Most addresses per peer, and the longest address. */
export const MAX_ADDRESSES = 4
export const MAX_ADDRESS_CHARS = 128
const MAX_ERROR_CHARS = 256

const REQUEST_TYPES = new Set([
  'PING',
  'FIND_NODE',
  'GET_PROVIDERS',
  'ADD_PROVIDER',
  'GET_RECORD',
  'PUT_RECORD',
  'STORE_ENTRY',
  'REMOVE_ENTRY',
  'FIND_ENTRIES',
  'SEARCH_LOCAL',
  'STORE_INBOX',
  'FIND_INBOX',
])
const ERROR_CODES = new Set<DhtErrorCode>([
  'MALFORMED_MESSAGE',
  'RATE_LIMITED',
  'INVALID_RECORD',
  'STORE_FULL',
  'INTERNAL',
])

/** A DHT message that is not valid: the peer gets a MALFORMED_MESSAGE error, the process goes on. */
export class DhtCodecError extends Error {
  readonly code = 'MALFORMED_MESSAGE'
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'DhtCodecError'
  }
}

/** Encodes a request envelope (dag-cbor map, see docs/dht.md). */
export function encodeRequest(envelope: RequestEnvelope): Uint8Array {
  const r = envelope.request
  const body: Record<string, unknown> = { v: CODEC_VERSION, t: r.type, s: envelope.sender }
  if (r.type === 'FIND_NODE') body.k = r.target
  else if (r.type === 'GET_PROVIDERS' || r.type === 'ADD_PROVIDER' || r.type === 'GET_RECORD') body.k = r.key
  if (
    (r.type === 'FIND_NODE' ||
      r.type === 'GET_PROVIDERS' ||
      r.type === 'GET_RECORD' ||
      r.type === 'FIND_ENTRIES' ||
      r.type === 'FIND_INBOX') &&
    r.count !== undefined
  ) {
    body.n = r.count
  }
  if (r.type === 'PUT_RECORD') body.r = recordToCbor(r.record)
  if (r.type === 'STORE_ENTRY') {
    body.w = r.keyword
    body.e = entryToCbor(r.entry)
  }
  if (r.type === 'REMOVE_ENTRY') {
    body.w = r.keyword
    body.c = r.cid
  }
  if (r.type === 'FIND_ENTRIES') body.k = r.key
  if (r.type === 'STORE_INBOX') {
    body.r = r.recipient
    body.e = envelopeToCbor(r.envelope)
  }
  if (r.type === 'FIND_INBOX') {
    body.k = r.key
    body.o = r.offset
  }
  if (r.type === 'FIND_ENTRIES' || r.type === 'SEARCH_LOCAL') {
    body.q = queryToCbor(r.query)
    body.l = r.limit
  }
  return checkSize(cbor.encode(body))
}

/** Encodes a response. */
export function encodeResponse(response: DhtResponse): Uint8Array {
  const body: Record<string, unknown> = { v: CODEC_VERSION, t: response.type }
  switch (response.type) {
    case 'NODES':
      body.c = response.closer.map(peerToCbor)
      break
    case 'PROVIDERS':
      body.p = response.providers.map(peerToCbor)
      body.c = response.closer.map(peerToCbor)
      break
    case 'RECORD':
      if (response.record) body.r = recordToCbor(response.record)
      body.c = response.closer.map(peerToCbor)
      break
    case 'OK':
      body.ok = response.stored
      break
    case 'ENTRIES': {
      body.c = response.closer.map(peerToCbor)
      // Entries come best first: drop from the end until the answer fits one message.
      const entries = response.entries.slice(0, MAX_ENTRIES_PER_MESSAGE).map(foundToCbor)
      for (;;) {
        body.e = entries
        const bytes = cbor.encode(body)
        if (bytes.length <= MAX_MESSAGE_BYTES || entries.length === 0) return checkSize(bytes)
        entries.pop()
      }
    }
    case 'INBOX': {
      body.c = response.closer.map(peerToCbor)
      body.m = response.total
      // The reader asks again from where this answer stops: drop from the end until it fits.
      const envelopes = response.envelopes.slice(0, MAX_ENVELOPES_PER_MESSAGE).map(envelopeToCbor)
      for (;;) {
        body.e = envelopes
        const bytes = cbor.encode(body)
        if (bytes.length <= MAX_MESSAGE_BYTES || envelopes.length === 0) return checkSize(bytes)
        envelopes.pop()
      }
    }
    case 'ERROR':
      body.e = response.code
      body.m = response.message.slice(0, MAX_ERROR_CHARS)
      break
  }
  return checkSize(cbor.encode(body))
}

/** Decodes a request envelope; throws only {@link DhtCodecError}. */
export function decodeRequest(bytes: Uint8Array): RequestEnvelope {
  const m = decodeMap(bytes)
  const type = str(m, 't', 32)
  if (!REQUEST_TYPES.has(type)) throw new DhtCodecError(`unknown request type ${JSON.stringify(type)}`)
  const sender = addresses(m.s, 's')
  let request: DhtRequest
  switch (type) {
    case 'PING':
      request = { type: 'PING' }
      break
    case 'FIND_NODE':
      request = withCount<DhtRequest>({ type: 'FIND_NODE', target: key(m.k, 'k') }, m.n)
      break
    case 'PUT_RECORD':
      request = { type: 'PUT_RECORD', record: record(m.r) }
      break
    case 'ADD_PROVIDER':
      request = { type: 'ADD_PROVIDER', key: key(m.k, 'k') }
      break
    case 'STORE_ENTRY':
      request = { type: 'STORE_ENTRY', keyword: keyword(m.w, 'w'), entry: entryFromCbor(m.e) }
      break
    case 'REMOVE_ENTRY':
      request = { type: 'REMOVE_ENTRY', keyword: keyword(m.w, 'w'), cid: keyword(m.c, 'c') }
      break
    case 'FIND_ENTRIES':
      request = withCount<DhtRequest>(
        { type: 'FIND_ENTRIES', key: key(m.k, 'k'), query: queryFromCbor(m.q), limit: limitFromCbor(m.l) },
        m.n,
      )
      break
    case 'SEARCH_LOCAL':
      request = { type: 'SEARCH_LOCAL', query: queryFromCbor(m.q), limit: limitFromCbor(m.l) }
      break
    case 'STORE_INBOX':
      request = { type: 'STORE_INBOX', recipient: bytesField(m.r, 'r', 32, 32), envelope: envelopeFromCbor(m.e) }
      break
    case 'FIND_INBOX':
      request = withCount<DhtRequest>(
        { type: 'FIND_INBOX', key: key(m.k, 'k'), offset: countField(m.o, 'o', MAX_INBOX_OFFSET) },
        m.n,
      )
      break
    default:
      request = withCount<DhtRequest>({ type: type as 'GET_PROVIDERS' | 'GET_RECORD', key: key(m.k, 'k') }, m.n)
  }
  return { sender, request }
}

/** Decodes a response; throws only {@link DhtCodecError}. */
export function decodeResponse(bytes: Uint8Array): DhtResponse {
  const m = decodeMap(bytes)
  const type = str(m, 't', 32)
  switch (type) {
    case 'PONG':
      return { type: 'PONG' }
    case 'NODES':
      return { type: 'NODES', closer: peers(m.c, 'c') }
    case 'PROVIDERS':
      return { type: 'PROVIDERS', providers: peers(m.p, 'p'), closer: peers(m.c, 'c') }
    case 'RECORD':
      return m.r === undefined
        ? { type: 'RECORD', closer: peers(m.c, 'c') }
        : { type: 'RECORD', record: record(m.r), closer: peers(m.c, 'c') }
    case 'ENTRIES':
      return { type: 'ENTRIES', entries: foundFromCbor(m.e), closer: peers(m.c, 'c') }
    case 'INBOX':
      return {
        type: 'INBOX',
        envelopes: envelopesFromCbor(m.e),
        total: countField(m.m, 'm', MAX_INBOX_OFFSET),
        closer: peers(m.c, 'c'),
      }
    case 'OK':
      if (typeof m.ok !== 'boolean') throw new DhtCodecError('field ok must be a boolean')
      return { type: 'OK', stored: m.ok }
    case 'ERROR': {
      const code = str(m, 'e', 32) as DhtErrorCode
      if (!ERROR_CODES.has(code)) throw new DhtCodecError(`unknown error code ${JSON.stringify(code)}`)
      return { type: 'ERROR', code, message: str(m, 'm', MAX_ERROR_CHARS) }
    }
    default:
      throw new DhtCodecError(`unknown response type ${JSON.stringify(type)}`)
  }
}

function withCount<R extends object>(request: R, n: unknown): R {
  if (n === undefined) return request
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_PEERS_PER_MESSAGE) {
    throw new DhtCodecError(`field n must be an integer in 1..${MAX_PEERS_PER_MESSAGE}`)
  }
  return { ...request, count: n }
}

function checkSize(bytes: Uint8Array): Uint8Array {
  if (bytes.length > MAX_MESSAGE_BYTES)
    throw new DhtCodecError(`message of ${bytes.length} bytes exceeds ${MAX_MESSAGE_BYTES}`)
  return bytes
}

function decodeMap(bytes: Uint8Array): Record<string, unknown> {
  if (bytes.length > MAX_MESSAGE_BYTES)
    throw new DhtCodecError(`message of ${bytes.length} bytes exceeds ${MAX_MESSAGE_BYTES}`)
  let value: unknown
  try {
    value = cbor.decode(bytes)
  } catch (err) {
    throw new DhtCodecError(`not valid dag-cbor: ${(err as Error).message}`, { cause: err })
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Uint8Array) {
    throw new DhtCodecError('message must be a map')
  }
  const m = value as Record<string, unknown>
  if (m.v !== CODEC_VERSION) throw new DhtCodecError(`unsupported codec version ${String(m.v)}`)
  return m
}

function str(m: Record<string, unknown>, field: string, max: number): string {
  const v = m[field]
  if (typeof v !== 'string' || v.length > max)
    throw new DhtCodecError(`field ${field} must be a string of at most ${max} chars`)
  return v
}

function bytesField(v: unknown, field: string, min: number, max: number): Uint8Array {
  if (!(v instanceof Uint8Array) || v.length < min || v.length > max) {
    throw new DhtCodecError(`field ${field} must be ${min === max ? min : `${min}..${max}`} bytes`)
  }
  return v
}

function key(v: unknown, field: string): Uint8Array {
  return bytesField(v, field, KEY_BYTES, KEY_BYTES)
}

function addresses(v: unknown, field: string): string[] {
  if (!Array.isArray(v) || v.length > MAX_ADDRESSES)
    throw new DhtCodecError(`field ${field} must list at most ${MAX_ADDRESSES} addresses`)
  for (const a of v) {
    if (typeof a !== 'string' || a.length === 0 || a.length > MAX_ADDRESS_CHARS) {
      throw new DhtCodecError(`field ${field} holds an address that is not a string of 1..${MAX_ADDRESS_CHARS} chars`)
    }
  }
  return v as string[]
}

function peers(v: unknown, field: string): PeerRecord[] {
  if (!Array.isArray(v) || v.length > MAX_PEERS_PER_MESSAGE) {
    throw new DhtCodecError(`field ${field} must list at most ${MAX_PEERS_PER_MESSAGE} peers`)
  }
  return v.map((p) => {
    if (!Array.isArray(p) || p.length !== 2)
      throw new DhtCodecError(`field ${field} holds a peer that is not [id, addresses]`)
    return { id: key(p[0], `${field}.id`), addresses: addresses(p[1], `${field}.addresses`) }
  })
}

function record(v: unknown): SignedRecord {
  if (!Array.isArray(v) || v.length !== 4)
    throw new DhtCodecError('field r must be [publicKey, sequence, value, signature]')
  const sequence = v[1]
  if (typeof sequence !== 'number' || !Number.isSafeInteger(sequence) || sequence < 0) {
    throw new DhtCodecError('record sequence must be a non-negative safe integer')
  }
  return {
    publicKey: bytesField(v[0], 'r.publicKey', 32, 32),
    sequence,
    value: bytesField(v[2], 'r.value', 0, MAX_RECORD_VALUE_BYTES),
    signature: bytesField(v[3], 'r.signature', 64, 64),
  }
}

function peerToCbor(p: PeerRecord): unknown {
  return [p.id, p.addresses]
}

function recordToCbor(r: SignedRecord): unknown {
  return [r.publicKey, r.sequence, r.value, r.signature]
}
