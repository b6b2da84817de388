import { createHash } from 'node:crypto'
import { base32 } from 'multiformats/bases/base32'
import { IdentityError } from './errors.ts'

/** Length of a peer ID in bytes: SHA-256 output, the same 256-bit space as chunk digests. */
export const PEER_ID_BYTES = 32
/** Length of a raw Ed25519 public key. */
export const PUBLIC_KEY_BYTES = 32

/**
 * A peer's identity in the DHT key space: SHA-256 of its raw 32-byte Ed25519 public key.
 * Text form: multibase base32 lower case without padding (prefix `b`, 53 characters),
 * e.g. `bmfrggzdfmztwq2lk...`.
 */
export class PeerId {
  readonly bytes: Uint8Array

  private constructor(bytes: Uint8Array) {
    this.bytes = bytes
  }

  /** Derives the peer ID of a raw 32-byte Ed25519 public key. */
  static fromPublicKey(publicKey: Uint8Array): PeerId {
    if (publicKey.length !== PUBLIC_KEY_BYTES) {
      throw new IdentityError('PUBLIC_KEY_INVALID', `an Ed25519 public key has 32 bytes, got ${publicKey.length}`)
    }
    return new PeerId(new Uint8Array(createHash('sha256').update(publicKey).digest()))
  }

  /** Wraps 32 raw peer ID bytes (copied). */
  static fromBytes(bytes: Uint8Array): PeerId {
    if (bytes.length !== PEER_ID_BYTES) {
      throw new IdentityError('PEER_ID_INVALID', `a peer ID has 32 bytes, got ${bytes.length}`)
    }
    return new PeerId(Uint8Array.from(bytes))
  }

  /** Parses the text form produced by {@link PeerId.toString}. */
  static parse(text: string): PeerId {
    let bytes: Uint8Array
    try {
      bytes = base32.decode(text)
    } catch (cause) {
      throw new IdentityError(
        'PEER_ID_INVALID',
        `not a peer ID (expected base32 multibase starting with "b"): ${JSON.stringify(text.slice(0, 80))}`,
        { cause },
      )
    }
    if (bytes.length !== PEER_ID_BYTES) {
      throw new IdentityError(
        'PEER_ID_INVALID',
        `a peer ID has 32 bytes, "${text.slice(0, 80)}" decodes to ${bytes.length}`,
      )
    }
    return new PeerId(bytes)
  }

  /** Multibase base32 text form (see class doc). */
  toString(): string {
    return base32.encode(this.bytes)
  }

  /** True when both IDs have the same bytes. */
  equals(other: PeerId): boolean {
    if (other.bytes.length !== this.bytes.length) return false
    for (let i = 0; i < this.bytes.length; i++) if (this.bytes[i] !== other.bytes[i]) return false
    return true
  }

  toJSON(): string {
    return this.toString()
  }
}
