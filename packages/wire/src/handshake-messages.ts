/**
 * Pure codec of the three plaintext handshake messages (docs/protocol.md#handshake).
 * Every message starts with the same 8-byte preamble: magic "NSWM", version, kind, flags (u16).
 */
import { WireFormatError } from './errors.ts'

export const HANDSHAKE_MAGIC = Buffer.from('NSWM', 'ascii')
/** Wire protocol version spoken by this implementation. */
export const PROTOCOL_VERSION = 1
/** Flag bit: the sender mixes a swarm secret into the key schedule (private swarms). */
export const FLAG_SWARM_KEY = 0x0001
/**
 * Flag bit: the sender understands REQUEST_TRACED (docs/protocol.md#trace-context). Peers that
 * predate it ignore it, as they ignore every reserved bit, and never receive such a request.
 */
export const FLAG_TRACE_CONTEXT = 0x0002

export const HandshakeKind = { CLIENT_HELLO: 1, SERVER_HELLO: 2, CLIENT_AUTH: 3, REFUSE: 4 } as const
export type HandshakeKind = (typeof HandshakeKind)[keyof typeof HandshakeKind]

const PREAMBLE_BYTES = 8
const KEY_BYTES = 32
const SIG_BYTES = 64
/** Byte length of each handshake message. */
export const CLIENT_HELLO_BYTES = PREAMBLE_BYTES + KEY_BYTES
export const SERVER_HELLO_BYTES = PREAMBLE_BYTES + KEY_BYTES + KEY_BYTES + SIG_BYTES
export const CLIENT_AUTH_BYTES = PREAMBLE_BYTES + KEY_BYTES + SIG_BYTES

/**
 * Private-swarm forms (FLAG_SWARM_KEY set): CLIENT_HELLO carries a 32-byte proof of the swarm
 * secret; SERVER_HELLO and CLIENT_AUTH carry their static key and signature sealed (AES-256-GCM,
 * 16-byte tag) under handshake keys derived from the secret. See docs/protocol.md#private-swarms.
 */
export const SWARM_PROOF_BYTES = 32
export const SEAL_TAG_BYTES = 16
export const CLIENT_HELLO_PRIVATE_BYTES = CLIENT_HELLO_BYTES + SWARM_PROOF_BYTES
export const SERVER_HELLO_PRIVATE_BYTES = SERVER_HELLO_BYTES + SEAL_TAG_BYTES
export const CLIENT_AUTH_PRIVATE_BYTES = CLIENT_AUTH_BYTES + SEAL_TAG_BYTES
/** Offset where the sealed part starts in the private SERVER_HELLO / CLIENT_AUTH. */
export const SERVER_HELLO_SEALED_FROM = PREAMBLE_BYTES + KEY_BYTES
export const CLIENT_AUTH_SEALED_FROM = PREAMBLE_BYTES

/** REFUSE: the listener's answer to a CLIENT_HELLO from another swarm; preamble + reason (u16). */
export const REFUSE_BYTES = PREAMBLE_BYTES + 2
export const RefuseReason = {
  /** The listener is in a private swarm and the dialer offered no proof of its secret. */
  SWARM_KEY_REQUIRED: 1,
  /** The dialer's proof does not verify under the listener's secret. */
  SWARM_KEY_MISMATCH: 2,
  /** The dialer offered a swarm proof but the listener is in the public swarm. */
  PUBLIC_SWARM: 3,
} as const
export type RefuseReason = (typeof RefuseReason)[keyof typeof RefuseReason]

export interface ClientHello {
  version: number
  flags: number
  ephemeralKey: Uint8Array
}
export interface ServerHello {
  version: number
  flags: number
  ephemeralKey: Uint8Array
  staticKey: Uint8Array
  signature: Uint8Array
}
export interface ClientAuth {
  version: number
  flags: number
  staticKey: Uint8Array
  signature: Uint8Array
}

/** Copies a field out as a plain Uint8Array (not a view that pins the frame buffer). */
function copy(bytes: Uint8Array, start: number, end: number): Uint8Array {
  return new Uint8Array(bytes.subarray(start, end))
}

function preamble(kind: HandshakeKind, flags: number, length: number): Buffer {
  const out = Buffer.alloc(length)
  HANDSHAKE_MAGIC.copy(out, 0)
  out[4] = PROTOCOL_VERSION
  out[5] = kind
  out.writeUInt16BE(flags, 6)
  return out
}

/** Magic, version, kind and flags of a handshake message, before its layout is known. */
export interface HandshakePreamble {
  version: number
  kind: number
  flags: number
}

/** Reads the 8-byte preamble (checks the magic only). */
export function readHandshakePreamble(bytes: Uint8Array): HandshakePreamble {
  if (bytes.length < PREAMBLE_BYTES) throw new WireFormatError('truncated handshake preamble', bytes.length)
  for (let i = 0; i < 4; i++) {
    if (bytes[i] !== HANDSHAKE_MAGIC[i]) throw new WireFormatError('not a NetSwarm handshake (bad magic)', i)
  }
  return { version: bytes[4], kind: bytes[5], flags: (bytes[6] << 8) | bytes[7] }
}

/** Refuses a message whose length is not `length` (checked once the version is known to match). */
export function checkHandshakeLength(bytes: Uint8Array, kind: number, length: number): void {
  if (bytes.length !== length) {
    throw new WireFormatError(`handshake message ${kind} must have ${length} bytes, got ${bytes.length}`, bytes.length)
  }
}

function readPreamble(bytes: Uint8Array, kind: HandshakeKind, length: number): { version: number; flags: number } {
  readHandshakePreamble(bytes)
  if (bytes[5] !== kind) throw new WireFormatError(`expected handshake message ${kind}, got ${bytes[5]}`, 5)
  // Length is checked after version so a newer peer's longer hello reports the version problem.
  const version = bytes[4]
  if (version === PROTOCOL_VERSION && bytes.length !== length) {
    throw new WireFormatError(`handshake message ${kind} must have ${length} bytes, got ${bytes.length}`, bytes.length)
  }
  return { version, flags: (bytes[6] << 8) | bytes[7] }
}

export function encodeClientHello(m: ClientHello): Buffer {
  const out = preamble(HandshakeKind.CLIENT_HELLO, m.flags, CLIENT_HELLO_BYTES)
  out.set(m.ephemeralKey, 8)
  return out
}

export function decodeClientHello(bytes: Uint8Array): ClientHello {
  const { version, flags } = readPreamble(bytes, HandshakeKind.CLIENT_HELLO, CLIENT_HELLO_BYTES)
  return { version, flags, ephemeralKey: copy(bytes, 8, 40) }
}

/** Encodes SERVER_HELLO; pass a zero signature to get the bytes the signature covers. */
export function encodeServerHello(m: ServerHello): Buffer {
  const out = preamble(HandshakeKind.SERVER_HELLO, m.flags, SERVER_HELLO_BYTES)
  out.set(m.ephemeralKey, 8)
  out.set(m.staticKey, 40)
  out.set(m.signature, 72)
  return out
}

export function decodeServerHello(bytes: Uint8Array): ServerHello {
  const { version, flags } = readPreamble(bytes, HandshakeKind.SERVER_HELLO, SERVER_HELLO_BYTES)
  return {
    version,
    flags,
    ephemeralKey: copy(bytes, 8, 40),
    staticKey: copy(bytes, 40, 72),
    signature: copy(bytes, 72, 136),
  }
}

export function encodeClientAuth(m: ClientAuth): Buffer {
  const out = preamble(HandshakeKind.CLIENT_AUTH, m.flags, CLIENT_AUTH_BYTES)
  out.set(m.staticKey, 8)
  out.set(m.signature, 40)
  return out
}

export function decodeClientAuth(bytes: Uint8Array): ClientAuth {
  const { version, flags } = readPreamble(bytes, HandshakeKind.CLIENT_AUTH, CLIENT_AUTH_BYTES)
  return { version, flags, staticKey: copy(bytes, 8, 40), signature: copy(bytes, 40, 104) }
}

export function encodeRefuse(flags: number, reason: RefuseReason): Buffer {
  const out = preamble(HandshakeKind.REFUSE, flags, REFUSE_BYTES)
  out.writeUInt16BE(reason, PREAMBLE_BYTES)
  return out
}

/** Decodes REFUSE; an unknown reason is returned as is (the caller reports it). */
export function decodeRefuse(bytes: Uint8Array): { version: number; flags: number; reason: number } {
  const { version, flags } = readPreamble(bytes, HandshakeKind.REFUSE, REFUSE_BYTES)
  return { version, flags, reason: (bytes[8] << 8) | bytes[9] }
}

/** Offset of the signature in SERVER_HELLO / CLIENT_AUTH: everything before it is signed. */
export const SERVER_HELLO_SIGNED_BYTES = 72
export const CLIENT_AUTH_SIGNED_BYTES = 40
