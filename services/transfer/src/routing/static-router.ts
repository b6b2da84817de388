import type { CID } from 'multiformats/cid'
import type { ContentRouter, ProviderInfo } from '../ports.ts'

/**
 * Parses "host:port" / "peerId@host:port" peer strings. A peer without an ID is identified by the
 * handshake (the ID is then learned, not checked).
 */
export function parseStaticPeers(peers: readonly string[]): ProviderInfo[] {
  return peers.map((p) => {
    const at = p.indexOf('@')
    return at > 0 ? { peerId: p.slice(0, at), addresses: [p.slice(at + 1)] } : { peerId: '', addresses: [p] }
  })
}

/**
 * Content routing over a fixed peer list, optionally in front of another router (the DHT): every
 * static peer is offered as a possible provider (the bitfield request tells whether it really has
 * the file) and as a replica candidate. Used without a DHT in tests, benchmarks and tiny swarms.
 */
export function withStaticPeers(peers: ProviderInfo[], inner?: ContentRouter): ContentRouter {
  return {
    async *findProviders(cid: CID, options) {
      const seen = new Set<string>()
      for (const p of peers) {
        seen.add(p.peerId || p.addresses.join(','))
        yield p
      }
      if (!inner) return
      for await (const p of inner.findProviders(cid, options)) if (!seen.has(p.peerId)) yield p
    },
    provide: (cid, options) => (inner ? inner.provide(cid, options) : Promise.resolve(0)),
    async closestPeers(cid, count, options) {
      const fromInner = inner ? await inner.closestPeers(cid, count, options) : []
      const ids = new Set(fromInner.map((p) => p.peerId))
      return [...fromInner, ...peers.filter((p) => !ids.has(p.peerId))].slice(0, Math.max(count, fromInner.length))
    },
  }
}
