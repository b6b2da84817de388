/**
 * Which name record to believe. Pure: no I/O. A record counts only when its signature verifies
 * under the name's key and its value is a well-formed version record of the same sequence; of
 * two valid records the higher sequence wins, so a peer serving an older (replayed) record
 * cannot roll a name back once this gateway has seen a newer one.
 */
import { decodeVersionRecord, type VersionRecordValue } from '@netswarm/content'
import { checkRecord, type SignedRecord } from '@netswarm/dht'

/** A record that passed every check, with its decoded value. */
export interface AcceptedRecord {
  record: SignedRecord
  value: VersionRecordValue
}

/** Why a record was ignored. */
export type RecordRejection = 'wrong-key' | 'bad-signature' | 'bad-value' | 'sequence-mismatch'

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}

/** Checks a record fetched for `publicKey`; the decoded value when valid, else why not. */
export function acceptRecord(publicKey: Uint8Array, record: SignedRecord): AcceptedRecord | RecordRejection {
  if (!sameBytes(record.publicKey, publicKey)) return 'wrong-key'
  if (checkRecord(record) !== undefined) return 'bad-signature'
  let value: VersionRecordValue
  try {
    value = decodeVersionRecord(record.value)
  } catch {
    return 'bad-value'
  }
  if (value.sequence !== record.sequence) return 'sequence-mismatch'
  return { record, value }
}

/** The record to believe: the candidate only when valid and of a higher sequence than `held`. */
export function newestAccepted(
  publicKey: Uint8Array,
  held: AcceptedRecord | undefined,
  candidate: SignedRecord | undefined,
): AcceptedRecord | undefined {
  if (candidate === undefined) return held
  const accepted = acceptRecord(publicKey, candidate)
  if (typeof accepted === 'string') return held
  if (held !== undefined && held.record.sequence >= accepted.record.sequence) return held
  return accepted
}
