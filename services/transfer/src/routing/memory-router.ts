import { PeerId } from '@netswarm/identity'
import type { CID } from 'multiformats/cid'
import type { ContentRouter, ProviderInfo } from '../ports.ts'

/**
 * An in-memory content router shared by the peers of one test or benchmark: provider records and
 * a peer list, with closest-peer ordering by XOR distance like the DHT. `forPeer` gives each peer
 * its own view (it provides as itself and never lists itself as a replica candidate).
 */
export class MemoryRouterHub {
  readonly providers = new Map<string, Map<string, ProviderInfo>>()
  readonly peers = new Map<string, ProviderInfo>()

  register(peer: ProviderInfo): void {
    this.peers.set(peer.peerId, peer)
  }

  unregister(peerId: string): void {
    this.peers.delete(peerId)
  }

  forPeer(self: () => ProviderInfo): ContentRouter {
    return {
      findProviders: (cid, options) => this.#find(cid, options?.limit ?? 20),
      provide: async (cid) => {
        const key = cid.toString()
        let set = this.providers.get(key)
        if (!set) this.providers.set(key, (set = new Map()))
        const me = self()
        set.set(me.peerId, me)
        return 1
      },
      closestPeers: async (cid, count) => {
        const me = self().peerId
        return [...this.peers.values()]
          .filter((p) => p.peerId !== me)
          .sort((a, b) => compareDistance(a.peerId, b.peerId, cid))
          .slice(0, count)
      },
    }
  }

  async *#find(cid: CID, limit: number): AsyncGenerator<ProviderInfo> {
    const found = [...(this.providers.get(cid.toString())?.values() ?? [])]
    for (const p of found.slice(0, limit)) yield p
  }
}

function compareDistance(a: string, b: string, cid: CID): number {
  const key = cid.multihash.digest
  const da = PeerId.parse(a).bytes
  const db = PeerId.parse(b).bytes
  for (let i = 0; i < da.length; i++) {
    const x = da[i] ^ key[i]
    const y = db[i] ^ key[i]
    if (x !== y) return x - y
  }
  return 0
}
