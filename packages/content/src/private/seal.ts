/**
 * Sealing of one segment or the header: AES-256-GCM under a key derived per file, with a nonce
 * that is unique per (file key, position) and an AAD that binds the file and the position
 * (docs/crypto.md#construction). AES-GCM rather than ChaCha20-Poly1305 because browsers' WebCrypto
 * offers only AES-GCM, and the console decrypts capability links in the browser.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { PrivateFormatError } from './errors.ts'
import { PREFIX_BYTES, TAG_BYTES } from './layout.ts'

/** Length of a read key (the secret in a capability link). */
export const READ_KEY_BYTES = 32
const NONCE_BYTES = 12
const KEY_INFO = 'netswarm-private-v1 aes-256-gcm'
const AAD_LABEL = Buffer.from('netswarm-private-v1', 'utf8')

/** What a sealed unit is: kind goes into the nonce and the AAD. */
export const SealKind = { segment: 1, finalSegment: 2, header: 3 } as const
export type SealKind = (typeof SealKind)[keyof typeof SealKind]

/** A fresh random read key. */
export function generateReadKey(): Uint8Array {
  return new Uint8Array(randomBytes(READ_KEY_BYTES))
}

/** The AEAD key of one file: HKDF-SHA256(readKey, salt = fileId, info = KEY_INFO). */
export function deriveFileKey(readKey: Uint8Array, fileId: Uint8Array): Buffer {
  if (readKey.length !== READ_KEY_BYTES) throw new PrivateFormatError(`a read key is ${READ_KEY_BYTES} bytes`)
  return Buffer.from(hkdfSync('sha256', readKey, fileId, KEY_INFO, 32))
}

/** kind (1 byte) || 3 zero bytes || u64be index: distinct for every unit of a file. */
export function sealNonce(kind: SealKind, index: number): Buffer {
  const nonce = Buffer.alloc(NONCE_BYTES)
  nonce[0] = kind
  nonce.writeBigUInt64BE(BigInt(index), 4)
  return nonce
}

/** label || prefix (magic, fileId, segment size) || kind || u64be index. */
export function sealAad(prefix: Uint8Array, kind: SealKind, index: number): Buffer {
  if (prefix.length !== PREFIX_BYTES) throw new PrivateFormatError('carrier prefix has the wrong length')
  const aad = Buffer.alloc(AAD_LABEL.length + PREFIX_BYTES + 9)
  AAD_LABEL.copy(aad, 0)
  aad.set(prefix, AAD_LABEL.length)
  aad[AAD_LABEL.length + PREFIX_BYTES] = kind
  aad.writeBigUInt64BE(BigInt(index), AAD_LABEL.length + PREFIX_BYTES + 1)
  return aad
}

/** Seals `plain`: ciphertext || tag (plain.length + TAG_BYTES bytes). */
export function seal(fileKey: Buffer, prefix: Uint8Array, kind: SealKind, index: number, plain: Uint8Array): Buffer {
  const cipher = createCipheriv('aes-256-gcm', fileKey, sealNonce(kind, index))
  cipher.setAAD(sealAad(prefix, kind, index))
  const body = cipher.update(plain)
  cipher.final()
  return Buffer.concat([body, cipher.getAuthTag()], plain.length + TAG_BYTES)
}

/** Opens a sealed unit; returns the plaintext or undefined when authentication fails. */
export function open(
  fileKey: Buffer,
  prefix: Uint8Array,
  kind: SealKind,
  index: number,
  sealed: Uint8Array,
): Buffer | undefined {
  if (sealed.length < TAG_BYTES) return undefined
  const body = sealed.subarray(0, sealed.length - TAG_BYTES)
  const decipher = createDecipheriv('aes-256-gcm', fileKey, sealNonce(kind, index))
  decipher.setAAD(sealAad(prefix, kind, index))
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES))
  const plain = decipher.update(body)
  try {
    decipher.final()
  } catch {
    return undefined
  }
  return plain
}
