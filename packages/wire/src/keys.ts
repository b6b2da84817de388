/**
 * Key agreement and key schedule (docs/protocol.md#key-schedule): X25519 ephemeral keys,
 * transcript hashes, HKDF-SHA256 into one key per direction.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
} from 'node:crypto'
import { HandshakeError } from './errors.ts'

const X25519_SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex')
const X25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex')

/** Domain-separation labels; changing any of them is a protocol version change. */
export const SERVER_SIGN_LABEL = 'netswarm-wire-v1 server signature'
export const CLIENT_SIGN_LABEL = 'netswarm-wire-v1 client signature'
export const KEY_INFO_LABEL = 'netswarm-wire-v1 session keys'

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
  const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' })
  return { privateKey, publicKey: new Uint8Array(spki.subarray(spki.length - 32)) }
}

/** X25519 shared secret; refuses malformed and low-order peer keys (all-zero output). */
export function sharedSecret(own: EphemeralKeyPair, peerPublic: Uint8Array): Buffer {
  let secret: Buffer
  try {
    const publicKey = createPublicKey({
      key: Buffer.concat([X25519_SPKI_PREFIX, peerPublic]),
      format: 'der',
      type: 'spki',
    })
    secret = diffieHellman({ privateKey: own.privateKey, publicKey })
  } catch (cause) {
    throw new HandshakeError('peer sent an unusable X25519 key', { cause })
  }
  if (secret.every((b) => b === 0)) throw new HandshakeError('peer sent a low-order X25519 key')
  return secret
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
