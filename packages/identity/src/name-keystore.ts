import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { chmod, link, mkdir, readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { NetSwarmError, NotFoundError } from '@netswarm/runtime'
import { IdentityError } from './errors.ts'
import { identityFromPem, type PeerIdentity } from './identity.ts'
import { formatNameKey, nameLink } from './name-key.ts'

/** Folder of name keys inside a peer's data directory (next to identity.key). */
export const NAMES_DIR = 'names'
/** A label: what the owner calls a name locally (never published). */
export const NAME_LABEL_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/
const KEY_SUFFIX = '.key'

/** A name this peer can publish under: an Ed25519 key pair with a local label. */
export interface NameKey {
  label: string
  /** Raw 32-byte Ed25519 public key. */
  publicKey: Uint8Array
  /** {@link formatNameKey} of the public key. */
  key: string
  /** `netswarm://name/<key>`. */
  link: string
  createdAtMs: number
  /** Ed25519 signature of `data` by the name's private key. */
  sign(data: Uint8Array): Uint8Array
}

/** Checks a label; throws an INVALID_ARGUMENT IdentityError naming the rule. */
export function checkNameLabel(label: string): string {
  if (!NAME_LABEL_PATTERN.test(label)) {
    throw new IdentityError(
      'NAME_LABEL_INVALID',
      `name label "${label.slice(0, 80)}" must be 1-64 characters of a-z, 0-9, ".", "_", "-" starting with a letter or digit`,
    )
  }
  return label
}

function toNameKey(label: string, identity: PeerIdentity, createdAtMs: number): NameKey {
  return {
    label,
    publicKey: identity.publicKey,
    key: formatNameKey(identity.publicKey),
    link: nameLink(identity.publicKey),
    createdAtMs,
    sign: identity.sign,
  }
}

/**
 * The names of one peer: `<dataDir>/names/<label>.key`, one PKCS#8 PEM Ed25519 private key per
 * name, mode 0600 in a 0700 folder, like identity.key. Losing a key file loses the right to
 * publish new versions under that name; the versions already published stay readable.
 */
export class NameKeystore {
  readonly dir: string

  constructor(dataDir: string) {
    this.dir = join(dataDir, NAMES_DIR)
  }

  private path(label: string): string {
    return join(this.dir, `${checkNameLabel(label)}${KEY_SUFFIX}`)
  }

  /** Creates a fresh key pair under `label`; ALREADY_EXISTS when the label is taken. */
  async create(label: string): Promise<NameKey> {
    const path = this.path(label)
    await mkdir(this.dir, { recursive: true, mode: 0o700 })
    const { privateKey } = generateKeyPairSync('ed25519')
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string
    // Temp file then hard link: never a half-written key, and two concurrent creates of one label
    // cannot both win (link fails with EEXIST).
    const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
    await writeFile(tmp, pem, { mode: 0o600, flag: 'wx' })
    try {
      await chmod(tmp, 0o600)
      await link(tmp, path)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new NetSwarmError('ALREADY_EXISTS', `a name labelled "${label}" exists already (netswarm name list)`)
      }
      throw err
    } finally {
      await unlink(tmp).catch(() => {})
    }
    return this.get(label)
  }

  /** The name labelled `label`; NOT_FOUND when there is none. */
  async get(label: string): Promise<NameKey> {
    const path = this.path(label)
    let pem: string
    try {
      pem = await readFile(path, 'utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new NotFoundError(`no name labelled "${label}" on this peer (netswarm name create ${label})`)
      }
      throw err
    }
    const created = (await stat(path)).mtimeMs
    try {
      return toNameKey(label, identityFromPem(pem), Math.floor(created))
    } catch (cause) {
      throw new IdentityError('IDENTITY_CORRUPT', `${path} is not a valid Ed25519 key; restore it from backup`, {
        cause,
      })
    }
  }

  /** Every name, sorted by label. A corrupt key file is skipped (it stays on disk). */
  async list(): Promise<NameKey[]> {
    let files: string[]
    try {
      files = await readdir(this.dir)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw err
    }
    const names: NameKey[] = []
    for (const file of files.sort()) {
      if (!file.endsWith(KEY_SUFFIX)) continue
      const label = file.slice(0, -KEY_SUFFIX.length)
      if (!NAME_LABEL_PATTERN.test(label)) continue
      try {
        names.push(await this.get(label))
      } catch (err) {
        if (!(err instanceof IdentityError)) throw err
      }
    }
    return names
  }

  /** The local name whose public key is `publicKey`, if this peer owns it. */
  async findByKey(publicKey: Uint8Array): Promise<NameKey | undefined> {
    const key = formatNameKey(publicKey)
    return (await this.list()).find((n) => n.key === key)
  }

  /** Deletes a name's key (its published versions stay readable); NOT_FOUND when absent. */
  async remove(label: string): Promise<void> {
    try {
      await unlink(this.path(label))
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new NotFoundError(`no name labelled "${label}"`)
      throw err
    }
  }
}
