import { loadDhtProto } from '@netswarm/proto'
import { GRPC_CHANNEL_OPTIONS, grpc } from '@netswarm/runtime'
import type { SearchBackend } from '../backend.ts'
import { callUnary, num, streamMessages } from './grpc-calls.ts'

interface ProtoMetadata {
  cid: string
  name: string
  mediaType: string
  size: string
  tags: string[]
  description: string
}

/** The DHT service's search RPCs over gRPC, as the gateway's SearchBackend. */
export function createSearchBackend(address: string): SearchBackend & { client: grpc.Client } {
  const proto = loadDhtProto()
  const client = new proto.netswarm.dht.v1.DhtService(address, grpc.credentials.createInsecure(), GRPC_CHANNEL_OPTIONS)
  return {
    client,
    async publish(m, options = {}) {
      const res = await callUnary<{ keywords: number; storedOn: number }>(
        (cb) => client.PublishSearchEntry({ metadata: { ...m, size: String(m.size) } }, cb),
        options.signal,
      )
      return { keywords: res.keywords, storedOn: res.storedOn }
    },
    async unpublish(cid, options = {}) {
      const res = await callUnary<{ wasPublished: boolean }>(
        (cb) => client.UnpublishSearchEntry({ cid }, cb),
        options.signal,
      )
      return res.wasPublished
    },
    async *search(query, options = {}) {
      const call = client.Search({
        query,
        limit: options.limit ?? 0,
        timeoutMs: options.timeoutMs ?? 0,
        prefix: options.prefix ?? false,
      })
      for await (const r of streamMessages(call, options.signal)) {
        const m = (r.metadata ?? {}) as Partial<ProtoMetadata>
        yield {
          cid: m.cid ?? '',
          name: m.name ?? '',
          mediaType: m.mediaType ?? '',
          size: num(m.size),
          tags: m.tags ?? [],
          description: m.description ?? '',
          providers: r.providers.map((p) => ({ peerId: p.peerId, addresses: p.addresses })),
          matchedAll: r.matchedAll,
          wordsMatched: r.wordsMatched,
          wordsInName: r.wordsInName,
          score: r.score,
        }
      }
    },
  }
}
