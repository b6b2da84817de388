import { createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto'
import { keyToHex } from './key.ts'

/** Largest value a mutable record may carry (a manifest CID needs < 100 bytes). */
export const MAX_RECORD_VALUE_BYTES = 1024
/** Domain separation for record signatures, so they cannot be replayed as other signed data. */
const SIGNING_PREFIX = new TextEncoder().encode('netswarm-dht-record-v1')
/** DER header of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex')

/**
 * A signed mutable record (a file version): the newest `value` published under an Ed25519 key.
 * Stored under the DHT key SHA-256(publicKey). Sequence numbers are safe integers (< 2^53).
 */
export interface SignedRecord {
  publicKey: Uint8Array
  sequence: number
  value: Uint8Array
  signature: Uint8Array
}

/** Why a record was refused. */
export type RecordProblem = 'bad-key' | 'bad-sequence' | 'too-large' | 'bad-signature'

/** The DHT key of records published under `publicKey`. */
export function recordKey(publicKey: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(publicKey).digest())
}

/** The bytes a record's signature covers: prefix ‖ u64be(sequence) ‖ u32be(len(value)) ‖ value. */
export function recordSigningBytes(sequence: number, value: Uint8Array): Uint8Array {
  const out = new Uint8Array(SIGNING_PREFIX.length + 12 + value.length)
  out.set(SIGNING_PREFIX, 0)
  const view = new DataView(out.buffer)
  view.setBigUint64(SIGNING_PREFIX.length, BigInt(sequence))
  view.setUint32(SIGNING_PREFIX.length + 8, value.length)
  out.set(value, SIGNING_PREFIX.length + 12)
  return out
}

/** Signs a record with an Ed25519 private key (a node:crypto KeyObject or PKCS#8 DER bytes). */
export function signRecord(
  privateKey: Parameters<typeof sign>[2],
  publicKey: Uint8Array,
  sequence: number,
  value: Uint8Array,
): SignedRecord {
  const key =
    privateKey instanceof Uint8Array
      ? createPrivateKey({ key: Buffer.from(privateKey), format: 'der', type: 'pkcs8' })
      : privateKey
  const signature = new Uint8Array(sign(null, recordSigningBytes(sequence, value), key))
  return { publicKey, sequence, value, signature }
}

/** Checks sizes and the signature; undefined when the record is valid. */
export function checkRecord(record: SignedRecord): RecordProblem | undefined {
  if (record.publicKey.length !== 32) return 'bad-key'
  if (!Number.isSafeInteger(record.sequence) || record.sequence < 0) return 'bad-sequence'
  if (record.value.length > MAX_RECORD_VALUE_BYTES) return 'too-large'
  if (record.signature.length !== 64) return 'bad-signature'
  try {
    const key = createPublicKey({
      key: Buffer.concat([ED25519_SPKI_PREFIX, record.publicKey]),
      format: 'der',
      type: 'spki',
    })
    return verify(null, recordSigningBytes(record.sequence, record.value), key, record.signature)
      ? undefined
      : 'bad-signature'
  } catch {
    return 'bad-key'
  }
}

/** Options of {@link RecordStore}. */
export interface RecordStoreInit {
  /** Most records kept; the least recently updated goes first. @default 10000 */
  maxRecords?: number
}

/** Outcome of {@link RecordStore.put}. */
export type PutOutcome = 'stored' | 'unchanged' | 'stale' | RecordProblem

/** Keeps, per public key, only the valid record with the highest sequence. Bounded. */
export class RecordStore {
  private readonly records = new Map<string, SignedRecord>()
  private readonly max: number

  constructor(init: RecordStoreInit = {}) {
    this.max = init.maxRecords ?? 10_000
  }

  get size(): number {
    return this.records.size
  }

  /** Validates and stores `record` unless a record with a higher or equal sequence is held. */
  put(record: SignedRecord): PutOutcome {
    const problem = checkRecord(record)
    if (problem) return problem
    const hex = keyToHex(recordKey(record.publicKey))
    const held = this.records.get(hex)
    if (held && held.sequence > record.sequence) return 'stale'
    if (held && held.sequence === record.sequence) return 'unchanged'
    this.records.delete(hex)
    this.records.set(hex, record)
    if (this.records.size > this.max) {
      const oldest = this.records.keys().next().value
      if (oldest !== undefined) this.records.delete(oldest)
    }
    return 'stored'
  }

  /** The record stored under DHT key `key` (= SHA-256 of the public key). */
  get(key: Uint8Array): SignedRecord | undefined {
    return this.records.get(keyToHex(key))
  }
}

/** The newer of two valid records (higher sequence wins). */
export function newerRecord(a: SignedRecord | undefined, b: SignedRecord | undefined): SignedRecord | undefined {
  if (!a) return b
  if (!b) return a
  return b.sequence > a.sequence ? b : a
}
