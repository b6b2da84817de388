/**
 * Inboxes of shares: a signed mutable DHT record under an inbox key derived from the recipient's
 * public key; its value is the CID of the published list of envelopes (docs/crypto.md#sharing-by-public-key).
 * The records are the DHT's existing ones (proto/netswarm/dht/v1/dht.proto, MutableRecord).
 */
import { createHash, createPrivateKey, createPublicKey, type KeyObject, sign } from 'node:crypto'
import { loadDhtProto } from '@netswarm/proto'
import { GRPC_CHANNEL_OPTIONS, grpc, isNetSwarmError } from '@netswarm/runtime'
import { callUnary, num } from '../clients/grpc-calls.ts'

const INBOX_LABEL = 'netswarm-inbox-v1'
/** The DHT's record signature domain (see MutableRecord in dht.proto). */
const RECORD_SIGNING_PREFIX = Buffer.from('netswarm-dht-record-v1')
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')

export interface InboxKey {
  publicKey: Uint8Array
  privateKey: KeyObject
}

/** The inbox key pair of a recipient: anyone can derive it, so anyone can append (and only it can open). */
export function inboxKey(recipientEd25519: Uint8Array): InboxKey {
  const seed = createHash('sha256').update(INBOX_LABEL).update(recipientEd25519).digest()
  const privateKey = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  })
  const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' })
  return { publicKey: new Uint8Array(spki.subarray(spki.length - 32)), privateKey }
}

export interface InboxRecord {
  sequence: number
  value: string
}

/** Reads and writes inbox records through the peer's DHT service. */
export interface InboxRecords {
  get(key: InboxKey, options?: { signal?: AbortSignal }): Promise<InboxRecord | undefined>
  put(key: InboxKey, record: InboxRecord, options?: { signal?: AbortSignal }): Promise<number>
  close(): void
}

function signingBytes(sequence: number, value: Uint8Array): Buffer {
  const head = Buffer.alloc(12)
  head.writeBigUInt64BE(BigInt(sequence), 0)
  head.writeUInt32BE(value.length, 8)
  return Buffer.concat([RECORD_SIGNING_PREFIX, head, value])
}

/** Inbox records over the DHT service's gRPC API at `address`. */
export function createInboxRecords(address: string): InboxRecords {
  const proto = loadDhtProto()
  const client = new proto.netswarm.dht.v1.DhtService(address, grpc.credentials.createInsecure(), GRPC_CHANNEL_OPTIONS)
  return {
    async get(key, options = {}) {
      try {
        const res = await callUnary<{ record: { sequence: string; value: Buffer } | null }>(
          (cb) => client.GetRecord({ publicKey: Buffer.from(key.publicKey) }, cb),
          options.signal,
        )
        if (!res.record) return undefined
        return { sequence: num(res.record.sequence), value: Buffer.from(res.record.value).toString('utf8') }
      } catch (err) {
        if (isNetSwarmError(err) && err.code === 'NOT_FOUND') return undefined
        throw err
      }
    },
    async put(key, record, options = {}) {
      const value = Buffer.from(record.value, 'utf8')
      const signature = sign(null, signingBytes(record.sequence, value), key.privateKey)
      const res = await callUnary<{ storedOn: number }>(
        (cb) =>
          client.PutRecord(
            {
              record: {
                publicKey: Buffer.from(key.publicKey),
                sequence: String(record.sequence),
                value,
                signature,
              },
            },
            cb,
          ),
        options.signal,
      )
      return res.storedOn
    },
    close: () => client.close(),
  }
}
