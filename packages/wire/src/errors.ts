import { type ErrorCode, NetSwarmError } from '@netswarm/runtime/errors'

/**
 * Stable wire failure codes, finer than the runtime `code` (which boundaries map to gRPC/HTTP).
 * Documented in docs/protocol.md#error-codes.
 */
export type WireErrorCode =
  | 'WIRE_FORMAT'
  | 'HANDSHAKE_FAILED'
  | 'PEER_ID_MISMATCH'
  | 'SWARM_KEY_MISMATCH'
  | 'PROTOCOL_VIOLATION'
  | 'DECRYPT_FAILED'
  | 'TIMEOUT'
  | 'CONNECTION_CLOSED'
  | 'WRITE_QUEUE_FULL'
  | 'REMOTE_ERROR'
  | 'ABORTED'

/** Base class of every wire error: `code` is the runtime code, `wireCode` the precise cause. */
export class WireError extends NetSwarmError {
  readonly wireCode: WireErrorCode
  constructor(code: ErrorCode, wireCode: WireErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options)
    this.wireCode = wireCode
  }
}

/** Bytes that do not parse as a frame or message; `offset` is where parsing failed. */
export class WireFormatError extends WireError {
  readonly offset: number
  constructor(message: string, offset = 0, options?: { cause?: unknown }) {
    super('INVALID_ARGUMENT', 'WIRE_FORMAT', `${message} (at byte ${offset})`, options)
    this.offset = offset
  }
}

/**
 * The handshake failed: bad signature, unsupported version, unexpected message, wrong peer, or
 * the two ends are not in the same swarm (`SWARM_KEY_MISMATCH`: one holds a private swarm's
 * secret and the other does not, or holds another).
 */
export class HandshakeError extends WireError {
  /** A handshake message to send the peer before closing (the listener's REFUSE). */
  readonly reply: Buffer | undefined
  constructor(
    message: string,
    options?: {
      cause?: unknown
      wireCode?: 'HANDSHAKE_FAILED' | 'PEER_ID_MISMATCH' | 'SWARM_KEY_MISMATCH'
      reply?: Buffer
    },
  ) {
    super('UNAUTHENTICATED', options?.wireCode ?? 'HANDSHAKE_FAILED', message, options)
    this.reply = options?.reply
  }
}

/** A well-formed message that breaks the protocol's rules (duplicate request id, wrong phase...). */
export class ProtocolError extends WireError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('FAILED_PRECONDITION', 'PROTOCOL_VIOLATION', message, options)
  }
}

/** A frame failed authentication: tampered, replayed, reordered, or sealed under another key. */
export class DecryptError extends WireError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('INTEGRITY', 'DECRYPT_FAILED', message, options)
  }
}

/** A request, handshake, idle connection or stalled write ran out of time. */
export class TimeoutError extends WireError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('DEADLINE_EXCEEDED', 'TIMEOUT', message, options)
  }
}

/** The connection is closed (or closing) and can carry no new work. */
export class ConnectionClosedError extends WireError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('UNAVAILABLE', 'CONNECTION_CLOSED', message, options)
  }
}

/** The peer stopped reading and our bounded write queue is full. */
export class WriteQueueFullError extends WireError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('RESOURCE_EXHAUSTED', 'WRITE_QUEUE_FULL', message, options)
  }
}

/** The caller's signal aborted the operation. */
export class AbortedError extends WireError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CANCELLED', 'ABORTED', message, options)
  }
}

const ERROR_CODES = new Set<string>([
  'INVALID_ARGUMENT',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'UNAVAILABLE',
  'DEADLINE_EXCEEDED',
  'CANCELLED',
  'PERMISSION_DENIED',
  'UNAUTHENTICATED',
  'INTEGRITY',
  'INTERNAL',
])

/** Narrows a string received from a peer to a known runtime code (unknown ones become INTERNAL). */
export function toErrorCode(code: string): ErrorCode {
  return ERROR_CODES.has(code) ? (code as ErrorCode) : 'INTERNAL'
}

/**
 * An error response sent by the remote request handler. `code` is the remote's runtime code,
 * so a remote `NotFoundError` arrives as `code === 'NOT_FOUND'`. Handlers may throw this (or any
 * NetSwarmError) to choose the code the requester sees; other errors arrive as INTERNAL.
 */
export class WireRemoteError extends WireError {
  constructor(code: ErrorCode, message: string) {
    super(code, 'REMOTE_ERROR', message)
  }
}
