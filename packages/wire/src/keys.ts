/**
 * Key agreement and key schedule (docs/protocol.md#key-schedule): X25519 ephemeral keys,
 * transcript hashes, HKDF-SHA256 into one key per direction.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  createPrivateKey,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
  timingSafeEqual,
} from 'node:crypto'
import { x25519, x25519PublicBytes } from '@netswarm/identity'
import { HandshakeError } from './errors.ts'

const X25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex')

/** Domain-separation labels; changing any of them is a protocol version change. */
export const SERVER_SIGN_LABEL = 'netswarm-wire-v1 server signature'
export const CLIENT_SIGN_LABEL = 'netswarm-wire-v1 client signature'
export const KEY_INFO_LABEL = 'netswarm-wire-v1 session keys'
/** Private swarms only (docs/protocol.md#private-swarms). */
export const SWARM_PROOF_KEY_LABEL = 'netswarm-wire-v1 swarm proof key'
export const SWARM_PROOF_LABEL = 'netswarm-wire-v1 swarm proof'
export const HANDSHAKE_KEY_LABEL = 'netswarm-wire-v1 handshake keys'

/** An X25519 key pair for one handshake. */
export interface EphemeralKeyPair {
  privateKey: KeyObject
  /** Raw 32-byte public key. */
  publicKey: Uint8Array
}

/** Fresh X25519 key pair (never reused across handshakes). */
export function generateEphemeral(): EphemeralKeyPair {
  return ephemeralFromPrivateKey(generateKeyPairSync('x25519').privateKey)
}

/** Deterministic key pair from 32 raw private bytes: golden tests only. */
export function ephemeralFromSeed(seed: Uint8Array): EphemeralKeyPair {
  return ephemeralFromPrivateKey(
    createPrivateKey({ key: Buffer.concat([X25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' }),
  )
}

function ephemeralFromPrivateKey(privateKey: KeyObject): EphemeralKeyPair {
  return { privateKey, publicKey: x25519PublicBytes(privateKey) }
}

/** X25519 shared secret; refuses malformed and low-order peer keys (all-zero output). */
export function sharedSecret(own: EphemeralKeyPair, peerPublic: Uint8Array): Buffer {
  try {
    const secret = x25519(own.privateKey, peerPublic)
    return Buffer.from(secret.buffer, secret.byteOffset, secret.byteLength)
  } catch (cause) {
    throw new HandshakeError(`peer sent an unusable X25519 key (${(cause as Error).message})`, { cause })
  }
}

/** SHA-256 over a label and the given parts, in order. */
export function transcriptHash(label: string, ...parts: Uint8Array[]): Buffer {
  const h = createHash('sha256').update(label)
  for (const p of parts) h.update(p)
  return h.digest()
}

/** The two directional session keys. */
export interface SessionKeys {
  clientToServer: Buffer
  serverToClient: Buffer
}

/**
 * HKDF-SHA256(ikm = DH || swarmKey, salt = SHA-256(msg1 || msg2 || msg3), info = label) → 64 bytes,
 * split into one 32-byte key per direction. `swarmKey` (empty for the public swarm) is the
 * reserved input for private swarms: peers with different swarm keys derive different keys, so
 * the server's READY frame fails to decrypt and the session never starts.
 */
export function deriveSessionKeys(
  dh: Uint8Array,
  transcript: Uint8Array,
  swarmKey: Uint8Array = new Uint8Array(0),
): SessionKeys {
  const okm = Buffer.from(hkdfSync('sha256', Buffer.concat([dh, swarmKey]), transcript, KEY_INFO_LABEL, 64))
  return { clientToServer: okm.subarray(0, 32), serverToClient: okm.subarray(32, 64) }
}

/**
 * Proof that the dialer holds the swarm secret, carried in the private CLIENT_HELLO:
 * HMAC-SHA256(HKDF(swarmKey, info = proof-key label), proof label || msg1[0..40)). It binds the
 * dialer's fresh ephemeral key, so it cannot be moved to another hello; a replayed hello gets a
 * SERVER_HELLO whose sealed part only the holder of that ephemeral's private key can open.
 */
export function swarmProof(swarmKey: Uint8Array, helloPrefix: Uint8Array): Buffer {
  const proofKey = Buffer.from(hkdfSync('sha256', swarmKey, Buffer.alloc(0), SWARM_PROOF_KEY_LABEL, 32))
  return createHmac('sha256', proofKey).update(SWARM_PROOF_LABEL).update(helloPrefix).digest()
}

/** Constant-time check of a received proof. */
export function swarmProofMatches(swarmKey: Uint8Array, helloPrefix: Uint8Array, proof: Uint8Array): boolean {
  const expected = swarmProof(swarmKey, helloPrefix)
  return proof.length === expected.length && timingSafeEqual(expected, proof)
}

/** Keys sealing the identity parts of the private SERVER_HELLO and CLIENT_AUTH (one use each). */
export interface HandshakeSealKeys {
  serverHello: Buffer
  clientAuth: Buffer
}

/**
 * HKDF-SHA256(ikm = DH || swarmKey, salt = SHA-256(msg1), info = handshake label) → 64 bytes.
 * Only someone holding both the secret and an ephemeral private key of this exchange can derive
 * them, so identities sealed under them stay hidden from outsiders and from replayers.
 */
export function deriveHandshakeSealKeys(dh: Uint8Array, swarmKey: Uint8Array, msg1: Uint8Array): HandshakeSealKeys {
  const salt = createHash('sha256').update(msg1).digest()
  const okm = Buffer.from(hkdfSync('sha256', Buffer.concat([dh, swarmKey]), salt, HANDSHAKE_KEY_LABEL, 64))
  return { serverHello: okm.subarray(0, 32), clientAuth: okm.subarray(32, 64) }
}

const SEAL_NONCE = Buffer.alloc(12)
const SEAL_TAG_BYTES = 16

/**
 * Seals `plain[from..)` with AES-256-GCM under a single-use key (zero nonce), the clear prefix
 * `plain[0..from)` as associated data: returns prefix || ciphertext || tag.
 */
export function sealHandshakePart(key: Buffer, plain: Uint8Array, from: number): Buffer {
  const cipher = createCipheriv('aes-256-gcm', key, SEAL_NONCE, { authTagLength: SEAL_TAG_BYTES })
  cipher.setAAD(plain.subarray(0, from))
  return Buffer.concat([
    plain.subarray(0, from),
    cipher.update(plain.subarray(from)),
    cipher.final(),
    cipher.getAuthTag(),
  ])
}

/** Opens what {@link sealHandshakePart} made; undefined when the tag does not verify. */
export function openHandshakePart(key: Buffer, sealed: Uint8Array, from: number): Buffer | undefined {
  const decipher = createDecipheriv('aes-256-gcm', key, SEAL_NONCE, { authTagLength: SEAL_TAG_BYTES })
  decipher.setAAD(sealed.subarray(0, from))
  decipher.setAuthTag(sealed.subarray(sealed.length - SEAL_TAG_BYTES))
  try {
    const body = Buffer.concat([
      decipher.update(sealed.subarray(from, sealed.length - SEAL_TAG_BYTES)),
      decipher.final(),
    ])
    return Buffer.concat([sealed.subarray(0, from), body])
  } catch {
    return undefined
  }
}
