/**
 * Pure frame and message codec (docs/protocol.md#frames). No I/O, no crypto: every function
 * either returns a value or throws WireFormatError with the offending offset.
 */
import { WireFormatError } from './errors.ts'
import { FRAME_PREFIX_BYTES, MESSAGE_HEADER_BYTES } from './limits.ts'

/** Message types carried inside encrypted frames (docs/protocol.md#message-types). */
export const MessageType = {
  /** Server's first encrypted message: key confirmation, the session is usable. */
  READY: 1,
  REQUEST: 2,
  RESPONSE: 3,
  STREAM_ITEM: 4,
  STREAM_END: 5,
  ERROR: 6,
  CANCEL: 7,
  MESSAGE: 8,
  PING: 9,
  PONG: 10,
  GOAWAY: 11,
  /** REQUEST with W3C trace context in front of the body; only to peers with FLAG_TRACE_CONTEXT. */
  REQUEST_TRACED: 12,
} as const
export type MessageType = (typeof MessageType)[keyof typeof MessageType]
const MAX_MESSAGE_TYPE = 12

/** A decoded message. `body` is a view into the decrypted frame (no copy). */
export interface WireMessage {
  type: MessageType
  /** Request id (0 for connection-level messages). */
  id: number
  body: Uint8Array
}

/** Longest error message or GOAWAY reason sent; longer text is cut. */
export const MAX_REASON_BYTES = 1024

/** Encodes the 4-byte big-endian length prefix of a frame whose payload has `length` bytes. */
export function encodeFramePrefix(length: number): Buffer {
  const prefix = Buffer.allocUnsafe(FRAME_PREFIX_BYTES)
  prefix.writeUInt32BE(length, 0)
  return prefix
}

/** Encodes a whole plaintext frame (used for handshake messages). */
export function encodeFrame(payload: Uint8Array): Buffer {
  return Buffer.concat([encodeFramePrefix(payload.length), payload])
}

/** Frames at least this large are assembled in a reused scratch buffer. */
const SCRATCH_MIN_BYTES = 64 * 1024

/**
 * Incremental frame decoder. Feed it socket chunks; it calls `onFrame` with each complete payload.
 * It never buffers more than one frame's declared length, and refuses a declared length above
 * `maxFrameBytes` as soon as the prefix is read (before any payload is buffered).
 *
 * A payload is valid only during its `onFrame` call (large ones live in a reused buffer): copy
 * it, or transform it (decrypt) into new memory, before returning.
 */
export class FrameDecoder {
  /** May be raised between frames (the handshake uses a small limit, the session a large one). */
  maxFrameBytes: number
  private readonly prefix = Buffer.alloc(FRAME_PREFIX_BYTES)
  private prefixFilled = 0
  private body: Buffer | undefined
  private bodyFilled = 0
  private consumed = 0
  private scratch: Buffer | undefined

  constructor(maxFrameBytes: number) {
    this.maxFrameBytes = maxFrameBytes
  }

  /** Bytes held for an incomplete frame. */
  get bufferedBytes(): number {
    return this.prefixFilled + this.bodyFilled
  }

  /**
   * Consumes `chunk`, calling `onFrame(payload)` for each complete frame. If `onFrame` throws, the
   * error propagates and the decoder must be discarded (the connection is closed anyway).
   */
  push(chunk: Uint8Array, onFrame: (payload: Uint8Array) => void): void {
    let pos = 0
    const n = chunk.length
    while (pos < n) {
      if (this.body === undefined) {
        // Fast path: a whole frame inside the chunk is handed out as a view, with no copy.
        if (this.prefixFilled === 0 && n - pos >= FRAME_PREFIX_BYTES) {
          const length = readU32(chunk, pos)
          this.checkLength(length, pos)
          if (n - pos - FRAME_PREFIX_BYTES >= length) {
            const start = pos + FRAME_PREFIX_BYTES
            pos = start + length
            this.consumed += FRAME_PREFIX_BYTES + length
            onFrame(chunk.subarray(start, start + length))
            continue
          }
        }
        while (this.prefixFilled < FRAME_PREFIX_BYTES && pos < n) this.prefix[this.prefixFilled++] = chunk[pos++]
        if (this.prefixFilled < FRAME_PREFIX_BYTES) return
        const length = this.prefix.readUInt32BE(0)
        this.checkLength(length, pos - FRAME_PREFIX_BYTES)
        this.body = this.assemblyBuffer(length)
        this.bodyFilled = 0
      }
      const take = Math.min(this.body.length - this.bodyFilled, n - pos)
      this.body.set(chunk.subarray(pos, pos + take), this.bodyFilled)
      this.bodyFilled += take
      pos += take
      if (this.bodyFilled === this.body.length) {
        const payload = this.body
        this.body = undefined
        this.bodyFilled = 0
        this.prefixFilled = 0
        this.consumed += FRAME_PREFIX_BYTES + payload.length
        onFrame(payload)
      }
    }
  }

  /**
   * Buffer to assemble a frame split across chunks. Large frames reuse one scratch buffer: a
   * fresh multi-megabyte allocation per frame costs page faults that, in bulk transfers, took
   * as much CPU as the decryption itself. Small frames drop the scratch, so an idle or
   * chatty connection does not pin megabytes.
   */
  private assemblyBuffer(length: number): Buffer {
    if (length < SCRATCH_MIN_BYTES) {
      this.scratch = undefined
      return Buffer.allocUnsafe(length)
    }
    if (!this.scratch || this.scratch.length < length) this.scratch = Buffer.allocUnsafe(length)
    return this.scratch.subarray(0, length)
  }

  private checkLength(length: number, offsetInChunk: number): void {
    if (length === 0) throw new WireFormatError('empty frame', this.consumed + offsetInChunk)
    if (length > this.maxFrameBytes) {
      throw new WireFormatError(
        `frame of ${length} bytes exceeds the limit of ${this.maxFrameBytes}`,
        this.consumed + offsetInChunk,
      )
    }
  }
}

function readU32(bytes: Uint8Array, pos: number): number {
  return ((bytes[pos] << 24) | (bytes[pos + 1] << 16) | (bytes[pos + 2] << 8) | bytes[pos + 3]) >>> 0
}

/** Encodes the 5-byte message header (type, request id). The body follows it unchanged. */
export function encodeMessageHeader(type: MessageType, id: number): Buffer {
  const header = Buffer.allocUnsafe(MESSAGE_HEADER_BYTES)
  header[0] = type
  header.writeUInt32BE(id >>> 0, 1)
  return header
}

/** Encodes a whole message (header + body) into one buffer. Tests and small control messages. */
export function encodeMessage(message: WireMessage): Buffer {
  return Buffer.concat([encodeMessageHeader(message.type, message.id), message.body])
}

/** Decodes a decrypted frame payload into a message; the body is a view of `plain`. */
export function decodeMessage(plain: Uint8Array): WireMessage {
  if (plain.length < MESSAGE_HEADER_BYTES) {
    throw new WireFormatError(`message of ${plain.length} bytes is shorter than its header`, plain.length)
  }
  const type = plain[0]
  if (type === 0 || type > MAX_MESSAGE_TYPE) throw new WireFormatError(`unknown message type ${type}`, 0)
  return { type: type as MessageType, id: readU32(plain, 1), body: plain.subarray(MESSAGE_HEADER_BYTES) }
}

/** ERROR body: code length (1) + ASCII code + UTF-8 message. */
export function encodeErrorBody(code: string, message: string): Buffer {
  const codeBytes = Buffer.from(code.slice(0, 64), 'ascii')
  const text = Buffer.from(message, 'utf8').subarray(0, MAX_REASON_BYTES)
  return Buffer.concat([Buffer.from([codeBytes.length]), codeBytes, text])
}

/** Decodes an ERROR body produced by {@link encodeErrorBody}. */
export function decodeErrorBody(body: Uint8Array): { code: string; message: string } {
  if (body.length < 1 || body.length < 1 + body[0]) throw new WireFormatError('truncated error body', body.length)
  const buf = Buffer.from(body.buffer, body.byteOffset, body.length)
  const code = buf.toString('ascii', 1, 1 + body[0])
  if (!/^[A-Z_]*$/.test(code)) throw new WireFormatError('error code is not SCREAMING_CASE', 1)
  return { code, message: buf.toString('utf8', 1 + body[0], Math.min(buf.length, 1 + body[0] + MAX_REASON_BYTES)) }
}

/** Longest `traceparent` carried (W3C version 00 is 55 characters; later versions may append). */
export const MAX_TRACEPARENT_BYTES = 255
/** Longest `tracestate` carried; a longer one is dropped by the sender (W3C allows dropping it). */
export const MAX_TRACESTATE_BYTES = 512

/** W3C trace context as carried by REQUEST_TRACED (docs/protocol.md#trace-context). */
export interface WireTraceContext {
  traceparent: string
  tracestate?: string
}

/**
 * Encodes the prefix of a REQUEST_TRACED body: `tpLen u8, traceparent, tsLen u16, tracestate`.
 * The request body follows it unchanged. Throws on values the decoder would refuse.
 */
export function encodeTraceContextPrefix(tc: WireTraceContext): Buffer {
  const tp = Buffer.from(tc.traceparent, 'latin1')
  if (tp.length === 0 || tp.length > MAX_TRACEPARENT_BYTES) {
    throw new WireFormatError(`traceparent of ${tp.length} bytes is outside 1..${MAX_TRACEPARENT_BYTES}`, 0)
  }
  const ts = tc.tracestate ? Buffer.from(tc.tracestate, 'latin1') : undefined
  const tsLength = ts && ts.length <= MAX_TRACESTATE_BYTES ? ts.length : 0
  const out = Buffer.allocUnsafe(1 + tp.length + 2 + tsLength)
  out[0] = tp.length
  tp.copy(out, 1)
  out.writeUInt16BE(tsLength, 1 + tp.length)
  if (tsLength > 0) ts!.copy(out, 3 + tp.length)
  return out
}

/**
 * Splits a REQUEST_TRACED body into its trace context and the request body (a view, no copy).
 * Only the framing is checked here: a length that runs past the body or over its limit is a
 * WireFormatError. The strings themselves are not validated; the W3C propagator ignores bad ones.
 */
export function decodeTracedRequest(body: Uint8Array): { traceContext: WireTraceContext; body: Uint8Array } {
  const tpLength = body.length > 0 ? body[0] : 0
  if (tpLength === 0) throw new WireFormatError('traced request without a traceparent', 0)
  const tsAt = 1 + tpLength
  if (body.length < tsAt + 2) throw new WireFormatError('truncated trace context', body.length)
  const tsLength = (body[tsAt] << 8) | body[tsAt + 1]
  if (tsLength > MAX_TRACESTATE_BYTES) {
    throw new WireFormatError(`tracestate of ${tsLength} bytes exceeds ${MAX_TRACESTATE_BYTES}`, tsAt)
  }
  const bodyAt = tsAt + 2 + tsLength
  if (body.length < bodyAt) throw new WireFormatError('truncated tracestate', body.length)
  const buf = Buffer.from(body.buffer, body.byteOffset, body.length)
  const traceContext: WireTraceContext = { traceparent: buf.toString('latin1', 1, tsAt) }
  if (tsLength > 0) traceContext.tracestate = buf.toString('latin1', tsAt + 2, bodyAt)
  return { traceContext, body: body.subarray(bodyAt) }
}
