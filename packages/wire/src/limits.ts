/**
 * Hard maximum of a frame's length field: bytes after the 4-byte prefix (ciphertext + tag).
 * 4 MiB carries a 1 MiB chunk plus any header in one response body with room to spare.
 */
export const MAX_FRAME_BYTES = 4 * 1024 * 1024
/** Bytes of the length prefix. */
export const FRAME_PREFIX_BYTES = 4
/** AEAD tag bytes at the end of every encrypted frame. */
export const TAG_BYTES = 16
/** Bytes of the plaintext message header: type (1) + request id (4). */
export const MESSAGE_HEADER_BYTES = 5
/** Largest body one message can carry. */
export const MAX_BODY_BYTES = MAX_FRAME_BYTES - TAG_BYTES - MESSAGE_HEADER_BYTES
/** Handshake messages are small and fixed; anything longer before the session is up is garbage. */
export const MAX_HANDSHAKE_FRAME_BYTES = 512

/** Per-connection limits and timers. Every field has a default (see {@link DEFAULT_WIRE_LIMITS}). */
export interface WireLimits {
  /** Largest frame accepted from the peer (cannot exceed {@link MAX_FRAME_BYTES}). @default MAX_FRAME_BYTES */
  maxFrameBytes: number
  /** Time allowed for the whole handshake. @default 10_000 */
  handshakeTimeoutMs: number
  /** Default request timeout; for streams, the longest wait for the next item. @default 30_000 */
  requestTimeoutMs: number
  /** Interval between keepalive pings. @default 15_000 */
  keepaliveIntervalMs: number
  /** Close the connection when nothing at all arrived for this long. @default 45_000 */
  idleTimeoutMs: number
  /** Senders wait (backpressure) while the socket holds more than this many unsent bytes. @default 8 MiB */
  maxWriteBufferBytes: number
  /** A write queue that makes no progress for this long means the peer stopped reading: close. @default 30_000 */
  writeStallTimeoutMs: number
  /** Stream items received but not yet consumed; above this we stop reading the socket. @default 16 MiB */
  maxInboundBufferBytes: number
  /** Requests the peer may have in flight at our handlers at once; more get RESOURCE_EXHAUSTED. @default 256 */
  maxConcurrentInbound: number
  /** How long a graceful close waits for in-flight requests before cutting the connection. @default 5_000 */
  closeTimeoutMs: number
}

export const DEFAULT_WIRE_LIMITS: Readonly<WireLimits> = Object.freeze({
  maxFrameBytes: MAX_FRAME_BYTES,
  handshakeTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepaliveIntervalMs: 15_000,
  idleTimeoutMs: 45_000,
  maxWriteBufferBytes: 8 * 1024 * 1024,
  writeStallTimeoutMs: 30_000,
  maxInboundBufferBytes: 16 * 1024 * 1024,
  maxConcurrentInbound: 256,
  closeTimeoutMs: 5_000,
})

/** Fills defaults and clamps values that would break the protocol's guarantees. */
export function resolveLimits(partial: Partial<WireLimits> = {}): WireLimits {
  const limits = { ...DEFAULT_WIRE_LIMITS, ...partial }
  limits.maxFrameBytes = Math.min(Math.max(limits.maxFrameBytes, 1024), MAX_FRAME_BYTES)
  return limits
}
