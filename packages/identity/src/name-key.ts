import { base32 } from 'multiformats/bases/base32'
import { IdentityError } from './errors.ts'
import { PUBLIC_KEY_BYTES } from './peer-id.ts'

/** Scheme prefix of a name link: `netswarm://name/<key>`. */
export const NAME_LINK_PREFIX = 'netswarm://name/'

/**
 * Text form of a name (a raw 32-byte Ed25519 public key): multibase base32 lower case without
 * padding, prefix `b`, 53 characters. The same alphabet as peer IDs, but of the key itself, so a
 * reader can verify record signatures from the link alone.
 */
export function formatNameKey(publicKey: Uint8Array): string {
  if (publicKey.length !== PUBLIC_KEY_BYTES) {
    throw new IdentityError('PUBLIC_KEY_INVALID', `a name key has 32 bytes, got ${publicKey.length}`)
  }
  return base32.encode(publicKey)
}

/** Parses a name key text, a `netswarm://name/<key>` link or a `/n/<key>` gateway path. */
export function parseNameKey(text: string): Uint8Array {
  let key = text.trim()
  if (key.startsWith(NAME_LINK_PREFIX)) key = key.slice(NAME_LINK_PREFIX.length)
  else if (/^https?:\/\//i.test(key)) key = /\/n\/([^/?#]+)/.exec(key)?.[1] ?? ''
  key = key.split(/[/?#@]/)[0]
  let bytes: Uint8Array
  try {
    bytes = base32.decode(key)
  } catch (cause) {
    throw new IdentityError(
      'PUBLIC_KEY_INVALID',
      `not a name key (expected netswarm://name/<key>, base32 starting with "b"): ${JSON.stringify(text.slice(0, 80))}`,
      { cause },
    )
  }
  if (bytes.length !== PUBLIC_KEY_BYTES) {
    throw new IdentityError(
      'PUBLIC_KEY_INVALID',
      `a name key has 32 bytes, "${key.slice(0, 80)}" decodes to ${bytes.length}`,
    )
  }
  return bytes
}

/** The `netswarm://name/<key>` link of a name. */
export function nameLink(publicKey: Uint8Array): string {
  return `${NAME_LINK_PREFIX}${formatNameKey(publicKey)}`
}
