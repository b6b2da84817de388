import { CID } from 'multiformats/cid'
import { ExchangeFormatError } from '../errors.ts'
import { Bitfield } from '../scheduler/bitfield.ts'

/**
 * The exchange protocol's message codec (docs/transfer.md#exchange-protocol): pure bytes <-> values.
 * Every message is `[version u8][type u8][fields]`, integers big-endian, CIDs as `[len u8][binary CID]`,
 * byte strings as `[len u32][bytes]`, text as `[len u16][UTF-8]`. Decoding is strict: unknown
 * versions or types, bad CIDs, limits exceeded, malformed bitfields and trailing bytes all throw
 * ExchangeFormatError with the offset; nothing else is ever thrown.
 */

export const EXCHANGE_VERSION = 1
/** Most chunks a manifest may list (matches @netswarm/content's MAX_MANIFEST_CHUNKS). */
export const MAX_CHUNK_COUNT = 262_144
/** Largest byte payload of one message: a chunk (content's MAX_CHUNK_SIZE) or a page of a manifest. */
export const MAX_PAYLOAD_BYTES = 4 * 1024 * 1024
/** A page of a manifest: manifests larger than this are fetched in several requests. */
export const MANIFEST_PAGE_BYTES = 1024 * 1024
const MAX_MESSAGE_TEXT_BYTES = 1024

export const MessageType = {
  HAVE_REQUEST: 1,
  BITFIELD: 2,
  HAVE: 3,
  CHUNK_REQUEST: 4,
  CHUNK_RESPONSE: 5,
  CANCEL: 6,
  ERROR: 7,
  MANIFEST_REQUEST: 8,
  MANIFEST_RESPONSE: 9,
  REPLICATE_REQUEST: 10,
  REPLICATE_RESPONSE: 11,
} as const
export type MessageTypeName = keyof typeof MessageType

/** Why a peer refused a request. */
export const ExchangeErrorCode = { NOT_FOUND: 1, BUSY: 2, CANCELLED: 3, BAD_REQUEST: 4, INTERNAL: 5 } as const
export type ExchangeErrorCodeName = keyof typeof ExchangeErrorCode

export type ExchangeMessage =
  /** Which chunks of this manifest do you have? Answered with BITFIELD; later HAVE messages follow. */
  | { type: 'HAVE_REQUEST'; manifest: CID }
  /** The chunks of `manifest` the sender has; `all` for a complete copy (no bits sent). */
  | { type: 'BITFIELD'; manifest: CID; chunkCount: number; has: Bitfield | 'all' }
  /** The sender got one more chunk of `manifest`. */
  | { type: 'HAVE'; manifest: CID; chunk: number }
  | { type: 'CHUNK_REQUEST'; cid: CID }
  | { type: 'CHUNK_RESPONSE'; cid: CID; bytes: Uint8Array }
  /** Drop a queued CHUNK_REQUEST for `cid` (the endgame's loser); it is answered with CANCELLED. */
  | { type: 'CANCEL'; cid: CID }
  | { type: 'ERROR'; code: ExchangeErrorCodeName; message: string }
  /** A page of the encoded manifest starting at `offset`. */
  | { type: 'MANIFEST_REQUEST'; cid: CID; offset: number }
  | { type: 'MANIFEST_RESPONSE'; cid: CID; totalBytes: number; offset: number; bytes: Uint8Array }
  /** Please hold (fetch and pin) this file. */
  | { type: 'REPLICATE_REQUEST'; manifest: CID }
  | { type: 'REPLICATE_RESPONSE'; accepted: boolean }

const TYPE_BY_CODE = new Map<number, MessageTypeName>(
  Object.entries(MessageType).map(([name, code]) => [code, name as MessageTypeName]),
)
const ERROR_BY_CODE = new Map<number, ExchangeErrorCodeName>(
  Object.entries(ExchangeErrorCode).map(([name, code]) => [code, name as ExchangeErrorCodeName]),
)

class Writer {
  readonly #parts: Uint8Array[] = []
  #length = 0

  u8(v: number): this {
    return this.#push(Uint8Array.of(v))
  }

  u32(v: number): this {
    const b = new Uint8Array(4)
    new DataView(b.buffer).setUint32(0, v)
    return this.#push(b)
  }

  cid(cid: CID): this {
    if (cid.bytes.length > 255) throw new RangeError('CID longer than 255 bytes')
    return this.u8(cid.bytes.length).#push(cid.bytes)
  }

  bytes(bytes: Uint8Array): this {
    return this.u32(bytes.length).#push(bytes)
  }

  raw(bytes: Uint8Array): this {
    return this.#push(bytes)
  }

  text(text: string): this {
    let b = new TextEncoder().encode(text)
    if (b.length > MAX_MESSAGE_TEXT_BYTES) b = b.subarray(0, MAX_MESSAGE_TEXT_BYTES)
    const len = new Uint8Array(2)
    new DataView(len.buffer).setUint16(0, b.length)
    return this.#push(len).#push(b)
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.#length)
    let at = 0
    for (const p of this.#parts) {
      out.set(p, at)
      at += p.length
    }
    return out
  }

  #push(b: Uint8Array): this {
    this.#parts.push(b)
    this.#length += b.length
    return this
  }
}

class Reader {
  readonly #bytes: Uint8Array
  readonly #view: DataView
  offset = 0

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }

  fail(message: string, at = this.offset): never {
    throw new ExchangeFormatError(message, at)
  }

  #need(n: number, what: string): void {
    if (this.offset + n > this.#bytes.length) this.fail(`truncated ${what}`)
  }

  u8(what: string): number {
    this.#need(1, what)
    return this.#view.getUint8(this.offset++)
  }

  u32(what: string): number {
    this.#need(4, what)
    const v = this.#view.getUint32(this.offset)
    this.offset += 4
    return v
  }

  cid(what: string): CID {
    const at = this.offset
    const len = this.u8(`${what} length`)
    this.#need(len, what)
    const b = this.#bytes.subarray(this.offset, this.offset + len)
    this.offset += len
    try {
      return CID.decode(b)
    } catch (cause) {
      throw new ExchangeFormatError(`${what} is not a binary CID`, at, { cause })
    }
  }

  /** A length-prefixed byte string (a view, not a copy). */
  bytes(what: string, max: number): Uint8Array {
    const at = this.offset
    const len = this.u32(`${what} length`)
    if (len > max) this.fail(`${what} of ${len} bytes exceeds ${max}`, at)
    return this.raw(len, what)
  }

  raw(len: number, what: string): Uint8Array {
    this.#need(len, what)
    const b = this.#bytes.subarray(this.offset, this.offset + len)
    this.offset += len
    return b
  }

  text(what: string): string {
    this.#need(2, `${what} length`)
    const len = this.#view.getUint16(this.offset)
    this.offset += 2
    if (len > MAX_MESSAGE_TEXT_BYTES) this.fail(`${what} longer than ${MAX_MESSAGE_TEXT_BYTES} bytes`)
    const b = this.raw(len, what)
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(b)
    } catch (cause) {
      throw new ExchangeFormatError(`${what} is not UTF-8`, this.offset - len, { cause })
    }
  }

  end(): void {
    if (this.offset !== this.#bytes.length) this.fail(`${this.#bytes.length - this.offset} trailing bytes`)
  }
}

/** Encodes a message. Throws RangeError for values out of the protocol's limits (a local bug). */
export function encodeMessage(msg: ExchangeMessage): Uint8Array {
  const w = new Writer().u8(EXCHANGE_VERSION).u8(MessageType[msg.type])
  switch (msg.type) {
    case 'HAVE_REQUEST':
    case 'REPLICATE_REQUEST':
      return w.cid(msg.manifest).finish()
    case 'BITFIELD': {
      checkCount(msg.chunkCount)
      w.cid(msg.manifest).u32(msg.chunkCount)
      if (msg.has === 'all') return w.u8(1).finish()
      if (msg.has.size !== msg.chunkCount) throw new RangeError('bitfield size differs from chunkCount')
      return w.u8(0).raw(msg.has.bytes).finish()
    }
    case 'HAVE':
      checkCount(msg.chunk + 1)
      return w.cid(msg.manifest).u32(msg.chunk).finish()
    case 'CHUNK_REQUEST':
    case 'CANCEL':
      return w.cid(msg.cid).finish()
    case 'CHUNK_RESPONSE':
      if (msg.bytes.length > MAX_PAYLOAD_BYTES) throw new RangeError('chunk larger than MAX_PAYLOAD_BYTES')
      return w.cid(msg.cid).bytes(msg.bytes).finish()
    case 'ERROR':
      return w.u8(ExchangeErrorCode[msg.code]).text(msg.message).finish()
    case 'MANIFEST_REQUEST':
      return w.cid(msg.cid).u32(msg.offset).finish()
    case 'MANIFEST_RESPONSE':
      if (msg.bytes.length > MAX_PAYLOAD_BYTES) throw new RangeError('manifest page larger than MAX_PAYLOAD_BYTES')
      return w.cid(msg.cid).u32(msg.totalBytes).u32(msg.offset).bytes(msg.bytes).finish()
    case 'REPLICATE_RESPONSE':
      return w.u8(msg.accepted ? 1 : 0).finish()
  }
}

/** Decodes a message; throws only ExchangeFormatError. Byte payloads are views into `bytes`. */
export function decodeMessage(bytes: Uint8Array): ExchangeMessage {
  const r = new Reader(bytes)
  const version = r.u8('version')
  if (version !== EXCHANGE_VERSION) r.fail(`unsupported version ${version}`, 0)
  const code = r.u8('type')
  const type = TYPE_BY_CODE.get(code) ?? r.fail(`unknown message type ${code}`, 1)
  const msg = decodeBody(type, r)
  r.end()
  return msg
}

function decodeBody(type: MessageTypeName, r: Reader): ExchangeMessage {
  switch (type) {
    case 'HAVE_REQUEST':
    case 'REPLICATE_REQUEST':
      return { type, manifest: r.cid('manifest CID') }
    case 'BITFIELD': {
      const manifest = r.cid('manifest CID')
      const at = r.offset
      const chunkCount = r.u32('chunk count')
      if (chunkCount > MAX_CHUNK_COUNT) r.fail(`chunk count ${chunkCount} exceeds ${MAX_CHUNK_COUNT}`, at)
      const flags = r.u8('flags')
      if (flags === 1) return { type, manifest, chunkCount, has: 'all' }
      if (flags !== 0) r.fail(`unknown bitfield flags ${flags}`, r.offset - 1)
      const bitsAt = r.offset
      const bits = r.raw(Bitfield.byteLength(chunkCount), 'bitfield')
      try {
        return { type, manifest, chunkCount, has: new Bitfield(chunkCount, bits) }
      } catch (cause) {
        throw new ExchangeFormatError('bitfield has bits set past the chunk count', bitsAt, { cause })
      }
    }
    case 'HAVE': {
      const manifest = r.cid('manifest CID')
      const at = r.offset
      const chunk = r.u32('chunk index')
      if (chunk >= MAX_CHUNK_COUNT) r.fail(`chunk index ${chunk} exceeds ${MAX_CHUNK_COUNT - 1}`, at)
      return { type, manifest, chunk }
    }
    case 'CHUNK_REQUEST':
    case 'CANCEL':
      return { type, cid: r.cid('CID') }
    case 'CHUNK_RESPONSE': {
      const cid = r.cid('CID')
      return { type, cid, bytes: r.bytes('chunk', MAX_PAYLOAD_BYTES) }
    }
    case 'ERROR': {
      const at = r.offset
      const code = r.u8('error code')
      const name = ERROR_BY_CODE.get(code) ?? r.fail(`unknown error code ${code}`, at)
      return { type, code: name, message: r.text('error message') }
    }
    case 'MANIFEST_REQUEST': {
      const cid = r.cid('manifest CID')
      return { type, cid, offset: r.u32('offset') }
    }
    case 'MANIFEST_RESPONSE': {
      const cid = r.cid('manifest CID')
      const totalBytes = r.u32('total bytes')
      const at = r.offset
      const offset = r.u32('offset')
      const bytes = r.bytes('manifest page', MAX_PAYLOAD_BYTES)
      if (offset + bytes.length > totalBytes) r.fail('manifest page runs past the total size', at)
      return { type, cid, totalBytes, offset, bytes }
    }
    case 'REPLICATE_RESPONSE': {
      const at = r.offset
      const flag = r.u8('accepted')
      if (flag > 1) r.fail(`accepted flag ${flag} is not 0 or 1`, at)
      return { type, accepted: flag === 1 }
    }
  }
}

function checkCount(n: number): void {
  if (!Number.isInteger(n) || n < 0 || n > MAX_CHUNK_COUNT) throw new RangeError(`chunk count ${n} out of range`)
}
