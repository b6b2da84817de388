/**
 * Sharing a private file with a public key (docs/crypto.md#sharing-by-public-key): the file's read
 * key is wrapped for one recipient with an ephemeral X25519 key, HKDF-SHA256 and AES-256-GCM; the
 * recipient's Ed25519 key and the carrier CID are bound into both the HKDF info and the AAD, so an
 * envelope cannot be redirected to another file or re-addressed to another recipient.
 *
 * Wrapping happens where the read key is (the sharer's CLI); signing happens where the sender's
 * identity key is (its gateway): the sender signs version, recipient, CID, ephemeral key and box
 * with its Ed25519 identity, so the recipient learns who really sent a share.
 */
import {
  createCipheriv,
  createDecipheriv,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
} from 'node:crypto'
import { verifySignature } from '@netswarm/identity'
import { PrivateFormatError } from './errors.ts'
import { READ_KEY_BYTES } from './seal.ts'

/** The envelope format: 2 is signed by the sender; 1 (unsigned, pre-release) is refused. */
export const ENVELOPE_VERSION = 2
const LABEL = 'netswarm-share-v2'
const SIGNATURE_LABEL = 'netswarm-share-signature-v2'
const X25519_SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex')
const MAX_NAME_BYTES = 1024
const MAX_CID_CHARS = 256
const KEY_TEXT = /^[A-Za-z0-9_-]{43}$/
const SIGNATURE_TEXT = /^[A-Za-z0-9_-]{86}$/
const BOX_TEXT = /^[A-Za-z0-9_-]{1,4096}$/
const CID_TEXT = /^[A-Za-z0-9]+$/

/** A wrapped read key before the sender signs it (what the sharer's CLI hands its gateway). */
export interface WrappedShare {
  version: typeof ENVELOPE_VERSION
  /** The carrier CID (public: it is the verify capability). */
  cid: string
  /** Ephemeral X25519 public key, base64url. */
  epk: string
  /** AES-256-GCM(read key || u16 name length || name), base64url. */
  box: string
}

/** A signed envelope as stored in a recipient's inbox (JSON-friendly). */
export interface ShareEnvelope extends WrappedShare {
  /** The sender's raw Ed25519 identity public key, base64url. */
  sender: string
  /** Ed25519 signature by `sender` of {@link envelopeSigningBytes}, base64url. */
  sig: string
}

/** The sender's identity key: anything that signs (a peer identity). */
export interface ShareSigner {
  publicKey: Uint8Array
  sign(data: Uint8Array): Uint8Array
}

/** What the recipient learns from an envelope. */
export interface OpenedShare {
  cid: string
  readKey: Uint8Array
  name: string
  /** The sender's Ed25519 public key, verified by the envelope's signature. */
  sender: Uint8Array
}

function binding(recipientEd25519: Uint8Array, cid: string, epk: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(LABEL), recipientEd25519, Buffer.from(cid, 'utf8'), epk])
}

function wrapKey(shared: Uint8Array, epk: Uint8Array, recipientX25519: Uint8Array, info: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([epk, recipientX25519]), info, 32))
}

function lengthPrefixed(bytes: Uint8Array): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(bytes.length)
  return Buffer.concat([length, bytes])
}

/**
 * The bytes a sender signs: label, version, sender, recipient, CID, ephemeral key and box, each
 * length-prefixed so no two envelopes share an encoding.
 */
export function envelopeSigningBytes(envelope: Omit<ShareEnvelope, 'sig'>, recipientEd25519: Uint8Array): Buffer {
  const version = Buffer.alloc(2)
  version.writeUInt16BE(envelope.version)
  return Buffer.concat([
    lengthPrefixed(Buffer.from(SIGNATURE_LABEL)),
    version,
    lengthPrefixed(Buffer.from(envelope.sender, 'base64url')),
    lengthPrefixed(recipientEd25519),
    lengthPrefixed(Buffer.from(envelope.cid, 'utf8')),
    lengthPrefixed(Buffer.from(envelope.epk, 'base64url')),
    lengthPrefixed(Buffer.from(envelope.box, 'base64url')),
  ])
}

/** Wraps `readKey` for the holder of `recipientEd25519` (whose X25519 key is `recipientX25519`). */
export function wrapForRecipient(input: {
  cid: string
  readKey: Uint8Array
  name: string
  recipientEd25519: Uint8Array
  recipientX25519: Uint8Array
}): WrappedShare {
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
  const plain = Buffer.concat([input.readKey, length, name])
  const box = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()])
  return {
    version: ENVELOPE_VERSION,
    cid: input.cid,
    epk: Buffer.from(epk).toString('base64url'),
    box: box.toString('base64url'),
  }
}

/** The sender's side: signs a wrapped share for `recipientEd25519` with the sender's identity. */
export function signEnvelope(wrapped: WrappedShare, recipientEd25519: Uint8Array, signer: ShareSigner): ShareEnvelope {
  if (recipientEd25519.length !== 32) throw new PrivateFormatError('a recipient key is 32 bytes')
  const unsigned = { ...parseWrappedShare(wrapped), sender: Buffer.from(signer.publicKey).toString('base64url') }
  const sig = Buffer.from(signer.sign(envelopeSigningBytes(unsigned, recipientEd25519))).toString('base64url')
  return { ...unsigned, sig }
}

/** True when `envelope` is signed by the key it names, for `recipientEd25519`. */
export function verifyEnvelope(envelope: ShareEnvelope, recipientEd25519: Uint8Array): boolean {
  return verifySignature(
    new Uint8Array(Buffer.from(envelope.sender, 'base64url')),
    envelopeSigningBytes(envelope, recipientEd25519),
    new Uint8Array(Buffer.from(envelope.sig, 'base64url')),
  )
}

/** The recipient's side: its Ed25519 public key, its X25519 public key and X25519 agreement. */
export interface ShareRecipient {
  publicKey: Uint8Array
  x25519PublicKey: Uint8Array
  agree(peerPublic: Uint8Array): Uint8Array
}

const WRAPPED_FIELDS = ['version', 'cid', 'epk', 'box']
const ENVELOPE_FIELDS = [...WRAPPED_FIELDS, 'sender', 'sig']

function checkFields(value: unknown, fields: string[], what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PrivateFormatError(`${what} must be a JSON object`)
  }
  const record = value as Record<string, unknown>
  if (record.version === 1) {
    throw new PrivateFormatError(
      `${what} version 1 is the unsigned pre-release format and is no longer accepted; share the file again`,
    )
  }
  if (record.version !== ENVELOPE_VERSION) {
    throw new PrivateFormatError(`${what} version must be ${ENVELOPE_VERSION}, got ${JSON.stringify(record.version)}`)
  }
  for (const key of Object.keys(record)) {
    if (!fields.includes(key)) throw new PrivateFormatError(`${what} has an unknown field ${JSON.stringify(key)}`)
  }
  const field = (name: string, pattern: RegExp, description: string) => {
    const v = record[name]
    if (typeof v !== 'string' || !pattern.test(v))
      throw new PrivateFormatError(`${what} "${name}" must be ${description}`)
  }
  field('cid', CID_TEXT, 'a CID')
  if ((record.cid as string).length > MAX_CID_CHARS) throw new PrivateFormatError(`${what} "cid" is too long`)
  field('epk', KEY_TEXT, '32 bytes in base64url (43 characters)')
  field('box', BOX_TEXT, 'base64url (at most 4096 characters)')
  return record
}

/** Validates a wrapped, not yet signed share (from JSON); throws PrivateFormatError. */
export function parseWrappedShare(value: unknown): WrappedShare {
  const v = checkFields(value, WRAPPED_FIELDS, 'a wrapped share')
  return { version: ENVELOPE_VERSION, cid: v.cid as string, epk: v.epk as string, box: v.box as string }
}

/** Validates a signed envelope's shape (from JSON); throws PrivateFormatError. It does not verify the signature. */
export function parseEnvelope(value: unknown): ShareEnvelope {
  const v = checkFields(value, ENVELOPE_FIELDS, 'a share envelope')
  if (typeof v.sender !== 'string' || !KEY_TEXT.test(v.sender)) {
    throw new PrivateFormatError('a share envelope "sender" must be an Ed25519 public key in base64url (43 characters)')
  }
  if (typeof v.sig !== 'string' || !SIGNATURE_TEXT.test(v.sig)) {
    throw new PrivateFormatError('a share envelope "sig" must be an Ed25519 signature in base64url (86 characters)')
  }
  return {
    version: ENVELOPE_VERSION,
    cid: v.cid as string,
    epk: v.epk as string,
    box: v.box as string,
    sender: v.sender,
    sig: v.sig,
  }
}

/**
 * Opens an envelope: undefined when its signature does not verify for `recipient`, when it is not
 * addressed to `recipient`, or when it was altered.
 */
export function openEnvelope(envelope: ShareEnvelope, recipient: ShareRecipient): OpenedShare | undefined {
  if (!verifyEnvelope(envelope, recipient.publicKey)) return undefined
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
  if (READ_KEY_BYTES + 2 + nameLength !== plain.length) return undefined
  return {
    cid: envelope.cid,
    readKey: new Uint8Array(plain.subarray(0, READ_KEY_BYTES)),
    name: plain.subarray(READ_KEY_BYTES + 2).toString('utf8'),
    sender: new Uint8Array(Buffer.from(envelope.sender, 'base64url')),
  }
}
