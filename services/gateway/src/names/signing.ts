import { recordSigningBytes, type SignedRecord } from '@netswarm/dht'
import type { NameKey } from '@netswarm/identity'

/** Signs a DHT record with a name's key (the DHT's signing bytes, so peers verify it as usual). */
export function signRecordWith(name: NameKey, sequence: number, value: Uint8Array): SignedRecord {
  return { publicKey: name.publicKey, sequence, value, signature: name.sign(recordSigningBytes(sequence, value)) }
}
