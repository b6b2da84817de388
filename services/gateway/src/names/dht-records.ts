import type { DhtClient, SignedRecord } from '@netswarm/dht'

/** Signed mutable records in the DHT, as the name service needs them. */
export interface NameRecords {
  /** The newest record the DHT holds for `publicKey` (unverified), or undefined. */
  get(publicKey: Uint8Array, signal?: AbortSignal): Promise<SignedRecord | undefined>
  /** Stores a signed record on the closest peers; how many took it. */
  put(record: SignedRecord, signal?: AbortSignal): Promise<number>
}

/** NameRecords over this peer's DHT service (gRPC). */
export function createDhtRecords(client: DhtClient): NameRecords {
  return {
    async get(publicKey, signal) {
      const found = await client.getRecord(publicKey, { signal })
      if (!found) return undefined
      return {
        publicKey: found.publicKey,
        sequence: Number(found.sequence),
        value: found.value,
        signature: found.signature,
      }
    },
    put(record, signal) {
      return client.putRecord({ ...record, sequence: String(record.sequence) }, { signal })
    },
  }
}
