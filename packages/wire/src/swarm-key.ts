/**
 * Private-swarm secrets (docs/protocol.md#private-swarms): 32 random bytes shared by every member.
 * Text form, one line: `netswarm-swarm-key-v1:<base64url of the 32 bytes>`. The raw bytes feed the
 * handshake's key schedule; every other use (LAN announcements, the fingerprint shown to users)
 * goes through a key derived from them with its own HKDF label, so one use never leaks another.
 */
import { createHash, hkdfSync, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { inspect } from 'node:util'
import { InvalidArgumentError } from '@netswarm/runtime/errors'

export const SWARM_KEY_PREFIX = 'netswarm-swarm-key-v1:'
export const SWARM_KEY_BYTES = 32

const FINGERPRINT_LABEL = 'netswarm-swarm-key-v1 fingerprint'

/** A bad swarm secret (text, file or length); the message says what to fix. */
export class SwarmKeyError extends InvalidArgumentError {}

/**
 * A swarm secret. `toString()`, JSON and `util.inspect` never print the bytes, so a config object
 * that holds one can be logged; `toText()` is the only way to the secret's text form.
 */
export class SwarmKey {
  readonly #bytes: Uint8Array

  constructor(bytes: Uint8Array) {
    if (bytes.length !== SWARM_KEY_BYTES) {
      throw new SwarmKeyError(`a swarm key has ${SWARM_KEY_BYTES} bytes, got ${bytes.length}`)
    }
    this.#bytes = new Uint8Array(bytes)
  }

  /** A fresh secret from the system's CSPRNG. */
  static generate(): SwarmKey {
    return new SwarmKey(randomBytes(SWARM_KEY_BYTES))
  }

  /** Parses the one-line text form (surrounding whitespace ignored). */
  static parse(text: string): SwarmKey {
    const line = text.trim()
    if (!line.startsWith(SWARM_KEY_PREFIX)) {
      throw new SwarmKeyError(`a swarm key starts with "${SWARM_KEY_PREFIX}" (make one with \`netswarm swarm-key\`)`)
    }
    const encoded = line.slice(SWARM_KEY_PREFIX.length)
    if (!/^[A-Za-z0-9_-]{43}$/.test(encoded)) {
      throw new SwarmKeyError(
        `a swarm key is "${SWARM_KEY_PREFIX}" followed by 43 base64url characters; this one is damaged or truncated`,
      )
    }
    return new SwarmKey(Buffer.from(encoded, 'base64url'))
  }

  /** Reads a key file (the whole file is the text form). */
  static readFile(path: string): SwarmKey {
    let text: string
    try {
      text = readFileSync(path, 'utf8')
    } catch (cause) {
      throw new SwarmKeyError(`cannot read swarm key file ${path}: ${(cause as Error).message}`, { cause })
    }
    try {
      return SwarmKey.parse(text)
    } catch (err) {
      throw new SwarmKeyError(`swarm key file ${path}: ${(err as Error).message}`)
    }
  }

  /** The raw 32 bytes (a copy): the input of the handshake's key schedule. */
  get bytes(): Uint8Array {
    return new Uint8Array(this.#bytes)
  }

  /** The text form, to write into a key file. */
  toText(): string {
    return `${SWARM_KEY_PREFIX}${Buffer.from(this.#bytes).toString('base64url')}`
  }

  /** A 32-byte key for one purpose, independent of the handshake's keys. */
  derive(label: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.#bytes, Buffer.alloc(0), label, 32))
  }

  /**
   * Short public name of the swarm (16 hex digits) to compare members' configuration without
   * revealing the secret: a hash of a derived key, so it gives nothing towards the key.
   */
  get fingerprint(): string {
    return createHash('sha256').update(this.derive(FINGERPRINT_LABEL)).digest('hex').slice(0, 16)
  }

  toString(): string {
    return `SwarmKey(${this.fingerprint})`
  }

  toJSON(): string {
    return this.toString()
  }

  [inspect.custom](): string {
    return this.toString()
  }
}
