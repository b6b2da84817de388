/** gRPC adapter of the search RPCs of DhtService: proto ⇄ domain mapping, nothing else. */
import { PeerId } from '@netswarm/identity'
import { callSignal, type grpc, InvalidArgumentError, toGrpcError, unary } from '@netswarm/runtime'
import type { FileMetadata } from './entry.ts'
import type { SearchHit } from './rank.ts'
import type { SearchService } from './search-service.ts'

/** SearchMetadata as proto-loader decodes it (uint64 as a decimal string). */
export interface SearchMetadata__Output {
  cid: string
  name: string
  mediaType: string
  size: string
  tags: string[]
  description: string
}

function metadataFromProto(m: SearchMetadata__Output | null | undefined): FileMetadata {
  if (!m) throw new InvalidArgumentError('metadata is required')
  const size = Number(m.size)
  if (!Number.isSafeInteger(size) || size < 0) throw new InvalidArgumentError(`size must be an integer, got ${m.size}`)
  return { cid: m.cid, name: m.name, mediaType: m.mediaType, size, tags: m.tags, description: m.description }
}

function hitToProto(hit: SearchHit) {
  return {
    metadata: {
      cid: hit.cid,
      name: hit.name,
      mediaType: hit.mediaType,
      size: String(hit.size),
      tags: hit.tags,
      description: hit.description,
    },
    providers: hit.providers.map((p) => ({
      peerId: PeerId.fromBytes(p.id).toString(),
      addresses: p.addresses,
      publicKey: Buffer.alloc(0),
    })),
    matchedAll: hit.match.all,
    wordsMatched: hit.match.matched,
    wordsInName: hit.match.inName,
    score: hit.score,
  }
}

/** The search RPCs (PublishSearchEntry, UnpublishSearchEntry, Search) over a {@link SearchService}. */
export function createSearchHandlers(search: SearchService): grpc.UntypedServiceImplementation {
  return {
    PublishSearchEntry: unary(async (req: { metadata: SearchMetadata__Output | null }, call) => {
      return search.publish(metadataFromProto(req.metadata), callSignal(call))
    }),
    UnpublishSearchEntry: unary(async (req: { cid: string }, call) => {
      if (!req.cid) throw new InvalidArgumentError('cid is required')
      return { wasPublished: await search.unpublish(req.cid, callSignal(call)) }
    }),
    Search: (
      call: grpc.ServerWritableStream<{ query: string; limit: number; timeoutMs: number; prefix: boolean }, unknown>,
    ) => {
      const run = async () => {
        const signal = callSignal(call)
        const { query, limit, timeoutMs, prefix } = call.request
        for await (const hit of search.search(query, { limit, timeoutMs, prefix, signal })) {
          if (signal.aborted) break
          call.write(hitToProto(hit))
        }
        call.end()
      }
      run().catch((err) => call.emit('error', toGrpcError(err)))
    },
  }
}
