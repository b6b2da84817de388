/** gRPC adapter: proto ⇄ domain mapping of DhtService, nothing else. */
import { PeerId } from '@netswarm/identity'
import { callSignal, type grpc, InvalidArgumentError, NotFoundError, toGrpcError, unary } from '@netswarm/runtime'
import { cidToKey } from '../cid-key.ts'
import type { ContentRouting } from '../content-routing.ts'
import { KEY_BITS } from '../kademlia/key.ts'
import type { SignedRecord } from '../kademlia/records.ts'
import type { DhtNode } from '../node.ts'
import type { PeerRecord } from '../rpc/messages.ts'

/** A MutableRecord as proto-loader decodes it (see proto/netswarm/dht/v1/dht.proto). */
interface MutableRecord__Output {
  publicKey: Buffer
  sequence: string
  value: Buffer
  signature: Buffer
}

function parsePeerId(text: string): PeerId {
  try {
    return PeerId.parse(text)
  } catch (cause) {
    throw new InvalidArgumentError(`not a peer ID: ${JSON.stringify(text.slice(0, 80))}`, { cause })
  }
}

function peerInfo(p: PeerRecord) {
  return { peerId: PeerId.fromBytes(p.id).toString(), addresses: p.addresses, publicKey: Buffer.alloc(0) }
}

function recordFromProto(r: MutableRecord__Output | null | undefined): SignedRecord {
  if (!r) throw new InvalidArgumentError('record is required')
  const sequence = Number(r.sequence)
  if (!Number.isSafeInteger(sequence) || sequence < 0) {
    throw new InvalidArgumentError(`record sequence must be an integer in 0..2^53-1, got ${r.sequence}`)
  }
  return {
    publicKey: new Uint8Array(r.publicKey),
    sequence,
    value: new Uint8Array(r.value),
    signature: new Uint8Array(r.signature),
  }
}

function recordToProto(r: SignedRecord) {
  return {
    publicKey: Buffer.from(r.publicKey),
    sequence: String(r.sequence),
    value: Buffer.from(r.value),
    signature: Buffer.from(r.signature),
  }
}

/** The DhtService implementation over a node and its content routing. */
export function createDhtHandlers(
  node: DhtNode,
  routing: ContentRouting,
  clockOffsetMs = 0,
): grpc.UntypedServiceImplementation {
  return {
    FindPeer: unary(async (req: { peerId: string }, call) => {
      const id = parsePeerId(req.peerId)
      const found = await node.findPeer(id.bytes, callSignal(call))
      if (!found) throw new NotFoundError(`peer ${req.peerId} not found in the DHT; is it online?`)
      return { peer: peerInfo(found) }
    }),
    FindProviders: (call: grpc.ServerWritableStream<{ cid: string; limit: number }, unknown>) => {
      const run = async () => {
        const key = cidToKey(call.request.cid)
        const signal = callSignal(call)
        for await (const found of routing.findProviders(key, { limit: call.request.limit, signal })) {
          if (signal.aborted) break
          call.write({ peer: peerInfo(found.peer), hops: found.hops })
        }
        call.end()
      }
      run().catch((err) => call.emit('error', toGrpcError(err)))
    },
    Provide: unary(async (req: { cid: string }, call) => {
      const storedOn = await routing.provide(cidToKey(req.cid), callSignal(call))
      return { storedOn }
    }),
    Unprovide: unary(async (req: { cid: string }) => {
      routing.unprovide(cidToKey(req.cid))
      return {}
    }),
    PutRecord: unary(async (req: { record: MutableRecord__Output | null }, call) => {
      const storedOn = await routing.putRecord(recordFromProto(req.record), callSignal(call))
      return { storedOn }
    }),
    GetRecord: unary(async (req: { publicKey: Buffer }, call) => {
      if (req.publicKey.length !== 32) throw new InvalidArgumentError('publicKey must be a raw 32-byte Ed25519 key')
      const record = await routing.getRecord(new Uint8Array(req.publicKey), callSignal(call))
      if (!record) throw new NotFoundError('no record under this key; was it published?')
      return { record: recordToProto(record) }
    }),
    GetRoutingTable: unary(async () => ({
      selfPeerId: PeerId.fromBytes(node.id).toString(),
      contacts: node.table.contacts().map(({ contact, bucket }) => ({
        peer: peerInfo(contact),
        rttMs: contact.rttMs ?? 0,
        lastSeenMs: String(Math.round(contact.lastSeen + clockOffsetMs)),
        bucketIndex: KEY_BITS - 1 - bucket,
      })),
      replacements: node.table.replacementCount,
    })),
    GetStats: unary(async () => ({
      routingTableSize: node.table.size,
      lookupsTotal: String(node.stats.lookups),
      lookupsFailedTotal: String(node.stats.lookupsFailed),
      messagesReceivedTotal: String(node.stats.messagesReceived),
      messagesSentTotal: String(node.stats.messagesSent),
      malformedMessagesTotal: String(node.stats.malformedMessages),
      providerRecords: node.providers.size,
      mutableRecords: node.records.size,
      providedKeys: routing.providedCount,
    })),
  }
}
