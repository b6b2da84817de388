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
} as const
export type MessageType = (typeof MessageType)[keyof typeof MessageType]
const MAX_MESSAGE_TYPE = 11

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
