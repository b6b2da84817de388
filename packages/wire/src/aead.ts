/**
 * Frame sealing with counter nonces (docs/protocol.md#encrypted-frames). One sealer and one
 * opener per direction; each frame uses the next counter value, so a replayed, dropped or
 * reordered frame is opened under the wrong nonce and fails authentication.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto'
import { encodeFramePrefix } from './codec.ts'
import { DecryptError } from './errors.ts'
import { FRAME_PREFIX_BYTES, TAG_BYTES } from './limits.ts'

/** AEADs the wire can use. AES-256-GCM is the protocol's choice (see bench/wire.ts). */
export type AeadAlgorithm = 'aes-256-gcm' | 'chacha20-poly1305'
export const WIRE_AEAD: AeadAlgorithm = 'aes-256-gcm'

const NONCE_BYTES = 12
// Stop well before 2^53 so counters stay exact in a JS number; a session never gets close.
const MAX_COUNTER = 2 ** 48

class NonceCounter {
  readonly nonce = Buffer.alloc(NONCE_BYTES)
  private counter = 0
  /** Writes the current counter into the nonce (bytes 4..11 big-endian) and advances it. */
  next(): Buffer {
    if (this.counter >= MAX_COUNTER) throw new DecryptError('nonce counter exhausted: reconnect to rekey')
    this.nonce.writeUInt32BE(Math.floor(this.counter / 2 ** 32), 4)
    this.nonce.writeUInt32BE(this.counter >>> 0, 8)
    this.counter++
    return this.nonce
  }
  get value(): number {
    return this.counter
  }
}

/** Seals outgoing frames. */
export class FrameSealer {
  private readonly counter = new NonceCounter()
  constructor(
    private readonly key: Buffer,
    private readonly algorithm: AeadAlgorithm = WIRE_AEAD,
  ) {}

  /** Frames sealed so far. */
  get frames(): number {
    return this.counter.value
  }

  /**
   * Seals one frame whose plaintext is `parts` concatenated, returning the buffers to write in
   * order: [length prefix, ciphertext..., tag]. The prefix is authenticated as associated data.
   * Parts are encrypted separately so a large body is never copied into a joined buffer.
   */
  seal(parts: readonly Uint8Array[]): Buffer[] {
    let plainLength = 0
    for (const p of parts) plainLength += p.length
    const prefix = encodeFramePrefix(plainLength + TAG_BYTES)
    const cipher = createCipheriv(this.algorithm as 'aes-256-gcm', this.key, this.counter.next(), {
      authTagLength: TAG_BYTES,
    })
    cipher.setAAD(prefix)
    const out: Buffer[] = [prefix]
    for (const p of parts) if (p.length > 0) out.push(cipher.update(p))
    cipher.final()
    out.push(cipher.getAuthTag())
    return out
  }
}

/** Opens incoming frames; every failure is a DecryptError and the connection must close. */
export class FrameOpener {
  private readonly counter = new NonceCounter()
  private readonly prefix = Buffer.alloc(FRAME_PREFIX_BYTES)
  constructor(
    private readonly key: Buffer,
    private readonly algorithm: AeadAlgorithm = WIRE_AEAD,
  ) {}

  /** Opens a frame payload (ciphertext + tag, without the length prefix); returns the plaintext. */
  open(payload: Uint8Array): Buffer {
    if (payload.length < TAG_BYTES) throw new DecryptError(`frame of ${payload.length} bytes is shorter than its tag`)
    const ctLength = payload.length - TAG_BYTES
    this.prefix.writeUInt32BE(payload.length, 0)
    const decipher = createDecipheriv(this.algorithm as 'aes-256-gcm', this.key, this.counter.next(), {
      authTagLength: TAG_BYTES,
    })
    decipher.setAAD(this.prefix)
    decipher.setAuthTag(payload.subarray(ctLength))
    const plain = decipher.update(payload.subarray(0, ctLength))
    try {
      decipher.final()
    } catch (cause) {
      throw new DecryptError('frame failed authentication (tampered, replayed, reordered or wrong key)', { cause })
    }
    return plain
  }
}
