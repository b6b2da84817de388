/**
 * Sharing a private file with a public key (docs/crypto.md#sharing-by-public-key): the file's read
 * key is wrapped for one recipient with an ephemeral X25519 key, HKDF-SHA256 and AES-256-GCM; the
 * recipient's Ed25519 key and the carrier CID are bound into both the HKDF info and the AAD, so an
 * envelope cannot be redirected to another file or re-addressed to another recipient.
 */
import {
  createCipheriv,
  createDecipheriv,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
} from 'node:crypto'
import { PrivateFormatError } from './errors.ts'
import { READ_KEY_BYTES } from './seal.ts'

const LABEL = 'netswarm-share-v1'
const X25519_SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex')
const MAX_NAME_BYTES = 1024

/** A wrapped read key as stored in a recipient's inbox (JSON-friendly). */
export interface ShareEnvelope {
  version: 1
  /** The carrier CID (public: it is the verify capability). */
  cid: string
  /** Ephemeral X25519 public key, base64url. */
  epk: string
  /** AES-256-GCM(read key || u16 name length || name || sender), base64url. */
  box: string
}

/** What the recipient learns from an envelope. */
export interface OpenedShare {
  cid: string
  readKey: Uint8Array
  name: string
  /** The sender as the sender claims it (envelopes are not signed; see docs/crypto.md). */
  from: string
}

function binding(recipientEd25519: Uint8Array, cid: string, epk: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(LABEL), recipientEd25519, Buffer.from(cid, 'utf8'), epk])
}

function wrapKey(shared: Uint8Array, epk: Uint8Array, recipientX25519: Uint8Array, info: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([epk, recipientX25519]), info, 32))
}

/** Wraps `readKey` for the holder of `recipientEd25519` (whose X25519 key is `recipientX25519`). */
export function wrapForRecipient(input: {
  cid: string
  readKey: Uint8Array
  name: string
  from: string
  recipientEd25519: Uint8Array
  recipientX25519: Uint8Array
}): ShareEnvelope {
  if (input.readKey.length !== READ_KEY_BYTES) throw new PrivateFormatError(`a read key is ${READ_KEY_BYTES} bytes`)
  const name = Buffer.from(input.name, 'utf8')
  if (name.length > MAX_NAME_BYTES) throw new PrivateFormatError(`name must be at most ${MAX_NAME_BYTES} bytes`)
  const ephemeral = generateKeyPairSync('x25519')
  const spki = ephemeral.publicKey.export({ type: 'spki', format: 'der' })
  const epk = new Uint8Array(spki.subarray(spki.length - 32))
  const recipient = createPublicKey({
    key: Buffer.concat([X25519_SPKI_PREFIX, input.recipientX25519]),
    format: 'der',
    type: 'spki',
  })
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient })
  const info = binding(input.recipientEd25519, input.cid, epk)
  const key = wrapKey(shared, epk, input.recipientX25519, info)
  const length = Buffer.alloc(2)
  length.writeUInt16BE(name.length)
  // The key is used once (fresh ephemeral), so a fixed nonce is safe.
  const cipher = createCipheriv('aes-256-gcm', key, Buffer.alloc(12))
  cipher.setAAD(info)
  const plain = Buffer.concat([input.readKey, length, name, Buffer.from(input.from, 'utf8')])
  const box = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()])
  return { version: 1, cid: input.cid, epk: Buffer.from(epk).toString('base64url'), box: box.toString('base64url') }
}

/** The recipient's side: its Ed25519 public key, its X25519 public key and X25519 agreement. */
export interface ShareRecipient {
  publicKey: Uint8Array
  x25519PublicKey: Uint8Array
  agree(peerPublic: Uint8Array): Uint8Array
}

/** Validates an envelope's shape (from JSON); throws PrivateFormatError. */
export function parseEnvelope(value: unknown): ShareEnvelope {
  const v = value as Partial<ShareEnvelope> | null
  if (
    typeof v !== 'object' ||
    v === null ||
    v.version !== 1 ||
    typeof v.cid !== 'string' ||
    typeof v.epk !== 'string' ||
    typeof v.box !== 'string' ||
    !/^[A-Za-z0-9_-]{43}$/.test(v.epk) ||
    !/^[A-Za-z0-9_-]{1,4096}$/.test(v.box)
  ) {
    throw new PrivateFormatError('not a share envelope')
  }
  return { version: 1, cid: v.cid, epk: v.epk, box: v.box }
}

/** Opens an envelope; undefined when it is not addressed to `recipient` or was altered. */
export function openEnvelope(envelope: ShareEnvelope, recipient: ShareRecipient): OpenedShare | undefined {
  const epk = new Uint8Array(Buffer.from(envelope.epk, 'base64url'))
  const box = Buffer.from(envelope.box, 'base64url')
  if (epk.length !== 32 || box.length < READ_KEY_BYTES + 2 + 16) return undefined
  let shared: Uint8Array
  try {
    shared = recipient.agree(epk)
  } catch {
    return undefined
  }
  const info = binding(recipient.publicKey, envelope.cid, epk)
  const key = wrapKey(shared, epk, recipient.x25519PublicKey, info)
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.alloc(12))
  decipher.setAAD(info)
  decipher.setAuthTag(box.subarray(box.length - 16))
  const plain = decipher.update(box.subarray(0, box.length - 16))
  try {
    decipher.final()
  } catch {
    return undefined
  }
  const nameLength = plain.readUInt16BE(READ_KEY_BYTES)
  if (READ_KEY_BYTES + 2 + nameLength > plain.length) return undefined
  return {
    cid: envelope.cid,
    readKey: new Uint8Array(plain.subarray(0, READ_KEY_BYTES)),
    name: plain.subarray(READ_KEY_BYTES + 2, READ_KEY_BYTES + 2 + nameLength).toString('utf8'),
    from: plain.subarray(READ_KEY_BYTES + 2 + nameLength).toString('utf8'),
  }
}
