/**
 * X25519 keys of an Ed25519 identity, so that data can be encrypted to a peer knowing only its
 * identity key (docs/crypto.md#sharing-by-public-key). The conversion is the standard birational
 * map (RFC 7748 section 4.1; libsodium crypto_sign_ed25519_pk_to_curve25519): u = (1 + y) / (1 - y).
 * The private scalar is the clamped first half of SHA-512(seed), as Ed25519 itself derives it.
 */
import { createHash, createPrivateKey, createPublicKey, diffieHellman, type KeyObject } from 'node:crypto'
import { IdentityError } from './errors.ts'
import { PUBLIC_KEY_BYTES } from './peer-id.ts'

const P = 2n ** 255n - 19n
const X25519_SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex')
const X25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex')

function modPow(base: bigint, exp: bigint): bigint {
  let result = 1n
  let b = base % P
  let e = exp
  while (e > 0n) {
    if (e & 1n) result = (result * b) % P
    b = (b * b) % P
    e >>= 1n
  }
  return result
}

function fromLittleEndian(bytes: Uint8Array): bigint {
  let n = 0n
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i])
  return n
}

function toLittleEndian(n: bigint): Uint8Array {
  const out = new Uint8Array(32)
  let v = n
  for (let i = 0; i < 32; i++) {
    out[i] = Number(v & 0xffn)
    v >>= 8n
  }
  return out
}

/** The X25519 public key (u coordinate) of an Ed25519 public key. Throws IdentityError on a bad key. */
export function ed25519PublicToX25519(publicKey: Uint8Array): Uint8Array {
  if (publicKey.length !== PUBLIC_KEY_BYTES)
    throw new IdentityError('PUBLIC_KEY_INVALID', 'an Ed25519 public key is 32 bytes')
  const encoded = Uint8Array.from(publicKey)
  encoded[31] &= 0x7f
  const y = fromLittleEndian(encoded)
  if (y >= P || y === 1n) throw new IdentityError('PUBLIC_KEY_INVALID', 'not a usable Ed25519 public key')
  const u = ((1n + y) * modPow((1n - y + P) % P, P - 2n)) % P
  return toLittleEndian(u)
}

/** The X25519 private key derived from an Ed25519 private key. */
export function ed25519PrivateToX25519(privateKey: KeyObject): KeyObject {
  const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d as string, 'base64url')
  const scalar = createHash('sha512').update(seed).digest().subarray(0, 32)
  scalar[0] &= 248
  scalar[31] &= 127
  scalar[31] |= 64
  return createPrivateKey({ key: Buffer.concat([X25519_PKCS8_PREFIX, scalar]), format: 'der', type: 'pkcs8' })
}

/** Raw 32-byte public key of an X25519 KeyObject. */
export function x25519PublicBytes(key: KeyObject): Uint8Array {
  const spki = createPublicKey(key).export({ type: 'spki', format: 'der' })
  return new Uint8Array(spki.subarray(spki.length - 32))
}

/** X25519(privateKey, peerPublic); refuses malformed and low-order peer keys. */
export function x25519(privateKey: KeyObject, peerPublic: Uint8Array): Uint8Array {
  let secret: Buffer
  try {
    const publicKey = createPublicKey({
      key: Buffer.concat([X25519_SPKI_PREFIX, peerPublic]),
      format: 'der',
      type: 'spki',
    })
    secret = diffieHellman({ privateKey, publicKey })
  } catch (cause) {
    throw new IdentityError('PUBLIC_KEY_INVALID', 'not a usable X25519 public key', { cause })
  }
  if (secret.every((b) => b === 0)) throw new IdentityError('PUBLIC_KEY_INVALID', 'low-order X25519 public key')
  return new Uint8Array(secret)
}
