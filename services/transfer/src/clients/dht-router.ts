import { PeerId } from '@netswarm/identity'
import { loadDhtProto } from '@netswarm/proto'
import { fromGrpcError, GRPC_CHANNEL_OPTIONS, grpc, readGrpcStream } from '@netswarm/runtime'
import type { CID } from 'multiformats/cid'
import type { ContentRouter, ProviderInfo } from '../ports.ts'

/**
 * Marks the transfer listener among a peer's DHT addresses: the DHT advertises one address list per
 * peer, so the transfer service announces itself as `transfer=host:port` in it
 * (docs/transfer.md#addresses). Addresses without a tag are the DHT's own.
 */
export const TRANSFER_ADDRESS_TAG = 'transfer='

/**
 * A peer's transfer addresses from its DHT address list: only the tagged ones. An untagged address
 * is a DHT listener; dialling it for a transfer reaches the wrong service (its answers are DHT
 * messages), so a peer whose DHT does not advertise its transfer listener is not used as a source.
 */
export function transferAddresses(addresses: readonly string[]): string[] {
  return addresses.filter((a) => a.startsWith(TRANSFER_ADDRESS_TAG)).map((a) => a.slice(TRANSFER_ADDRESS_TAG.length))
}

/** Content routing through the local DHT service's gRPC API (proto/netswarm/dht/v1). */
export function createDhtRouter(address: string): ContentRouter & { close(): void } {
  const proto = loadDhtProto()
  const client = new proto.netswarm.dht.v1.DhtService(address, grpc.credentials.createInsecure(), GRPC_CHANNEL_OPTIONS)
  const toProvider = (peer: { peerId: string; addresses: string[] } | null | undefined): ProviderInfo | undefined =>
    peer?.peerId ? { peerId: peer.peerId, addresses: transferAddresses(peer.addresses) } : undefined

  return {
    async *findProviders(cid: CID, options = {}) {
      const stream = client.FindProviders({ cid: cid.toString(), limit: options.limit ?? 20 })
      for await (const found of readGrpcStream(stream, options.signal)) {
        const p = toProvider(found.peer)
        if (p && p.addresses.length > 0) yield p
      }
    },
    provide(cid, options = {}) {
      return new Promise<number>((resolve, reject) => {
        const call = client.Provide({ cid: cid.toString() }, (err, res) =>
          err ? reject(fromGrpcError(err)) : resolve(res?.storedOn ?? 0),
        )
        options.signal?.addEventListener('abort', () => call.cancel(), { once: true })
      })
    },
    closestPeers(cid, count) {
      // No FindClosestPeers RPC: take the routing table and order it by XOR distance to the CID.
      return new Promise<ProviderInfo[]>((resolve, reject) => {
        client.GetRoutingTable({}, (err, res) => {
          if (err) return reject(fromGrpcError(err))
          const key = cid.multihash.digest
          const peers = (res?.contacts ?? [])
            .map((c) => ({ info: toProvider(c.peer), id: c.peer?.peerId ?? '' }))
            .filter((c): c is { info: ProviderInfo; id: string } => c.info !== undefined)
          resolve(
            peers
              .map((p) => ({ p: p.info, d: distance(p.id, key) }))
              .sort((a, b) => compare(a.d, b.d))
              .slice(0, count)
              .map((x) => x.p),
          )
        })
      })
    },
    close: () => client.close(),
  }
}

function distance(peerId: string, key: Uint8Array): Uint8Array {
  let bytes: Uint8Array
  try {
    bytes = PeerId.parse(peerId).bytes
  } catch {
    return new Uint8Array(key.length).fill(0xff)
  }
  return key.map((k, i) => k ^ bytes[i])
}

function compare(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i]
  return 0
}
