import { loadDhtProto } from '@netswarm/proto'
import { GRPC_CHANNEL_OPTIONS, grpc } from '@netswarm/runtime'
import type { DhtBackend } from '../backend.ts'
import { callUnary, num, streamMessages } from './grpc-calls.ts'

interface ProtoPeer {
  peerId: string
  addresses: string[]
}

/** The DHT service over gRPC, as the gateway's DhtBackend. */
export function createDhtBackend(address: string): DhtBackend & { client: grpc.Client } {
  const proto = loadDhtProto()
  const client = new proto.netswarm.dht.v1.DhtService(address, grpc.credentials.createInsecure(), GRPC_CHANNEL_OPTIONS)
  return {
    client,
    async *findProviders(cid, options = {}) {
      const call = client.FindProviders({ cid, limit: options.limit ?? 0 })
      for await (const found of streamMessages(call, options.signal)) {
        if (found.peer) yield { peerId: found.peer.peerId, addresses: found.peer.addresses, hops: found.hops }
      }
    },
    async routingTable() {
      const res = await callUnary<{
        selfPeerId: string
        contacts: { peer: ProtoPeer | null; rttMs: number; lastSeenMs: string; bucketIndex: number }[]
        replacements: number
      }>((cb) => client.GetRoutingTable({}, cb))
      return {
        selfPeerId: res.selfPeerId,
        replacements: res.replacements,
        contacts: res.contacts
          .filter((ct) => ct.peer !== null)
          .map((ct) => ({
            peerId: ct.peer!.peerId,
            addresses: ct.peer!.addresses,
            rttMs: ct.rttMs,
            lastSeenMs: num(ct.lastSeenMs),
            bucketIndex: ct.bucketIndex,
          })),
      }
    },
    async stats() {
      const res = await callUnary<Record<string, string | number>>((cb) => (client as any).GetStats({}, cb))
      return {
        routingTableSize: num(res.routingTableSize),
        lookupsTotal: num(res.lookupsTotal),
        lookupsFailedTotal: num(res.lookupsFailedTotal),
        providerRecords: num(res.providerRecords),
        providedKeys: num(res.providedKeys),
      }
    },
  }
}
