/**
 * Capability links (docs/crypto.md#capability-links):
 *   read:   netswarm://<carrier cid>#k=<read key, base64url>   or   <gateway>/s/<carrier cid>#k=<key>
 *   verify: netswarm://<carrier cid>#verify                     or   the carrier CID alone
 * The key travels only in the URL fragment, which browsers never send to a server.
 */
import { PrivateFormatError } from './errors.ts'
import { READ_KEY_BYTES } from './seal.ts'

export interface Capability {
  /** The carrier's manifest CID (the verify capability). */
  cid: string
  /** The read key; absent in a verify capability. */
  readKey?: Uint8Array
}

export function encodeReadKey(readKey: Uint8Array): string {
  return Buffer.from(readKey).toString('base64url')
}

export function decodeReadKey(text: string): Uint8Array {
  const bytes = /^[A-Za-z0-9_-]{43}$/.test(text) ? Buffer.from(text, 'base64url') : undefined
  if (!bytes || bytes.length !== READ_KEY_BYTES) {
    throw new PrivateFormatError(`a read key is ${READ_KEY_BYTES} bytes in base64url (43 characters)`)
  }
  return new Uint8Array(bytes)
}

/** `netswarm://<cid>#k=<key>` */
export function readLink(cid: string, readKey: Uint8Array): string {
  return `netswarm://${cid}#k=${encodeReadKey(readKey)}`
}

/** `<baseUrl>/s/<cid>#k=<key>`: opened by the console page, which decrypts in the browser. */
export function gatewayReadLink(baseUrl: string, cid: string, readKey: Uint8Array): string {
  return `${baseUrl.replace(/\/+$/, '')}/s/${cid}#k=${encodeReadKey(readKey)}`
}

/** `netswarm://<cid>#verify`: lets its holder fetch, verify and replicate the ciphertext only. */
export function verifyLink(cid: string): string {
  return `netswarm://${cid}#verify`
}

const CID_TEXT = /^[a-z2-7]{20,100}$/

/**
 * Parses any capability form: a bare CID, `netswarm://<cid>[#k=<key>|#<key>|#verify]`, or a
 * gateway URL whose path ends in `/s/<cid>` or `/f/<cid>` with the key in the fragment.
 */
export function parseCapability(text: string): Capability {
  const trimmed = text.trim()
  const hash = trimmed.indexOf('#')
  const base = hash < 0 ? trimmed : trimmed.slice(0, hash)
  const fragment = hash < 0 ? '' : trimmed.slice(hash + 1)
  let cid: string
  if (base.startsWith('netswarm://')) cid = base.slice('netswarm://'.length).replace(/\/+$/, '')
  else if (/^https?:\/\//.test(base)) {
    let path: string
    try {
      path = new URL(base).pathname
    } catch (cause) {
      throw new PrivateFormatError(`not a URL: ${base}`, { cause })
    }
    const match = /\/[sf]\/([^/]+)\/?$/.exec(path)
    if (!match) throw new PrivateFormatError('a gateway link looks like <gateway>/s/<cid>#k=<key>')
    cid = match[1]
  } else cid = base
  if (!CID_TEXT.test(cid)) throw new PrivateFormatError(`not a CID: ${cid.slice(0, 80)}`)
  if (fragment === '' || fragment === 'verify') return { cid }
  const key = fragment.startsWith('k=') ? fragment.slice(2) : fragment
  return { cid, readKey: decodeReadKey(key) }
}
