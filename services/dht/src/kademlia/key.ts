/**
 * Kademlia keys: 256-bit identifiers (peer ID = SHA-256 of the public key, content key = the
 * CID's SHA-256 digest) and the XOR metric over them (Maymounkov & Mazières 2002, §2.1).
 */

/** Width of a key in bytes. */
export const KEY_BYTES = 32
/** Width of a key in bits, and the number of k-buckets. */
export const KEY_BITS = KEY_BYTES * 8

/** A 256-bit key. */
export type Key = Uint8Array

/** XOR distance between two keys, as a new key. */
export function distance(a: Key, b: Key): Uint8Array {
  const out = new Uint8Array(KEY_BYTES)
  for (let i = 0; i < KEY_BYTES; i++) out[i] = a[i] ^ b[i]
  return out
}

/** Compares two distances (or keys) as big-endian unsigned integers. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i] - b[i]
  }
  return 0
}

/** Negative when `a` is closer to `target` than `b`, positive when farther, 0 when equal. */
export function compareDistance(target: Key, a: Key, b: Key): number {
  for (let i = 0; i < KEY_BYTES; i++) {
    const da = a[i] ^ target[i]
    const db = b[i] ^ target[i]
    if (da !== db) return da - db
  }
  return 0
}

/** Number of leading bits `a` and `b` share (256 when equal). */
export function commonPrefixLength(a: Key, b: Key): number {
  for (let i = 0; i < KEY_BYTES; i++) {
    const x = a[i] ^ b[i]
    if (x !== 0) return i * 8 + Math.clz32(x) - 24
  }
  return KEY_BITS
}

/** True when both keys have the same bytes. */
export function keyEquals(a: Key, b: Key): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** Lower-case hex, used as a map key. */
export function keyToHex(key: Key): string {
  return Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString('hex')
}

/**
 * A key sharing exactly `cpl` leading bits with `self` (so it falls in bucket `cpl`), with the
 * remaining bits taken from `random`. Used to refresh a bucket.
 */
export function keyInBucket(self: Key, cpl: number, random: Uint8Array): Key {
  const out = new Uint8Array(random.subarray(0, KEY_BYTES))
  const byte = cpl >> 3
  const bit = 7 - (cpl & 7)
  for (let i = 0; i < byte; i++) out[i] = self[i]
  if (byte < KEY_BYTES) {
    const keepMask = (0xff << (bit + 1)) & 0xff
    let b = (self[byte] & keepMask) | (out[byte] & ~keepMask & 0xff)
    // Flip the first differing bit so the prefix is exactly `cpl` long.
    b = (b & ~(1 << bit)) | (~self[byte] & (1 << bit))
    out[byte] = b & 0xff
  }
  return out
}
