import {
  createPrivateKey,
  createPublicKey,
  sign as cryptoSign,
  verify as cryptoVerify,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto'
import { chmod, link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { IdentityError } from './errors.ts'
import { PeerId, PUBLIC_KEY_BYTES } from './peer-id.ts'
import { ed25519PrivateToX25519, x25519, x25519PublicBytes } from './x25519.ts'

/** Name of the key file inside a peer's data directory. */
export const IDENTITY_FILE = 'identity.key'
/** Length of an Ed25519 signature. */
export const SIGNATURE_BYTES = 64

// DER SubjectPublicKeyInfo prefix for Ed25519 (RFC 8410): lets node:crypto import a raw 32-byte key.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex')

/** A peer's long-term Ed25519 key pair. The private key never leaves this object. */
export interface PeerIdentity {
  readonly peerId: PeerId
  /** Raw 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array
  /** Ed25519 signature (64 bytes) of `data`. */
  sign(data: Uint8Array): Uint8Array
}

/** An identity whose private key is held here: it can also agree on X25519 secrets (see x25519.ts). */
export interface LocalIdentity extends PeerIdentity {
  /** Raw 32-byte X25519 public key derived from the identity key. */
  readonly x25519PublicKey: Uint8Array
  /** X25519 agreement of the derived private key with `peerPublic` (32 bytes each). */
  agree(peerPublic: Uint8Array): Uint8Array
}

function fromPrivateKeyObject(privateKey: KeyObject): LocalIdentity {
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new IdentityError('IDENTITY_CORRUPT', `identity key must be Ed25519, found ${privateKey.asymmetricKeyType}`)
  }
  const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' })
  const publicKey = new Uint8Array(spki.subarray(spki.length - PUBLIC_KEY_BYTES))
  const peerId = PeerId.fromPublicKey(publicKey)
  const x25519Private = ed25519PrivateToX25519(privateKey)
  return {
    peerId,
    publicKey,
    sign: (data) => new Uint8Array(cryptoSign(null, data, privateKey)),
    x25519PublicKey: x25519PublicBytes(x25519Private),
    agree: (peerPublic) => x25519(x25519Private, peerPublic),
  }
}

/** Creates a fresh in-memory identity (tests, ephemeral peers). */
export function generateIdentity(): LocalIdentity {
  return fromPrivateKeyObject(generateKeyPairSync('ed25519').privateKey)
}

/** Parses a PKCS#8 PEM Ed25519 private key, as stored in `identity.key`. */
export function identityFromPem(pem: string): LocalIdentity {
  let key: KeyObject
  try {
    key = createPrivateKey({ key: pem, format: 'pem' })
  } catch (cause) {
    throw new IdentityError('IDENTITY_CORRUPT', 'identity key is not a PKCS#8 PEM private key', { cause })
  }
  return fromPrivateKeyObject(key)
}

/**
 * Loads the peer's identity from `<dataDir>/identity.key` (PKCS#8 PEM, mode 0600), creating it on
 * first start. A corrupt file is an error, never silently replaced: replacing it would change
 * the peer ID that other peers and the DHT know us by.
 */
export async function loadOrCreateIdentity(dataDir: string): Promise<LocalIdentity> {
  const path = join(dataDir, IDENTITY_FILE)
  let pem: string | undefined
  try {
    pem = await readFile(path, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
  }
  if (pem !== undefined) {
    try {
      return identityFromPem(pem)
    } catch (cause) {
      throw new IdentityError(
        'IDENTITY_CORRUPT',
        `${path} is not a valid Ed25519 identity; restore it from backup or delete it to get a NEW peer ID`,
        { cause },
      )
    }
  }
  await mkdir(dataDir, { recursive: true })
  const { privateKey } = generateKeyPairSync('ed25519')
  const text = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string
  // Write a temp file, then hard-link it into place: a crash never leaves a half-written key,
  // and when two processes start at once exactly one key wins (link fails with EEXIST).
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
  await writeFile(tmp, text, { mode: 0o600, flag: 'wx' })
  try {
    await chmod(tmp, 0o600)
    await link(tmp, path)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    return loadOrCreateIdentity(dataDir)
  } finally {
    await unlink(tmp).catch(() => {})
  }
  return fromPrivateKeyObject(privateKey)
}

/** Verifies an Ed25519 signature by a raw 32-byte public key. Malformed input returns false. */
export function verifySignature(publicKey: Uint8Array, data: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== PUBLIC_KEY_BYTES || signature.length !== SIGNATURE_BYTES) return false
  try {
    const key = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' })
    return cryptoVerify(null, data, key, signature)
  } catch {
    return false
  }
}
