import { parseEnvelope, type ShareEnvelope } from '@netswarm/content/private'
import { loadDhtProto } from '@netswarm/proto'
import { fromGrpcError, GRPC_CHANNEL_OPTIONS, grpc, readGrpcStream } from '@netswarm/runtime'
import type { FileMetadata } from './search/entry.ts'
import type { SearchMetadata__Output } from './search/grpc.ts'
import { DEFAULT_SEARCH_TIMEOUT_MS, type PublishOutcome } from './search/search-service.ts'

/** A peer as the DHT API returns it. */
export interface DhtPeer {
  peerId: string
  addresses: string[]
}

/** A signed mutable record as the DHT API carries it (sequence as a decimal string, uint64). */
export interface DhtRecord {
  publicKey: Uint8Array
  sequence: string
  value: Uint8Array
  signature: Uint8Array
}

/** A routing-table contact (console network view). */
export interface DhtContact extends DhtPeer {
  rttMs: number
  lastSeenMs: number
  bucketIndex: number
}

/** Stats of a DHT node. */
export interface DhtStats {
  routingTableSize: number
  lookupsTotal: number
  lookupsFailedTotal: number
  messagesReceivedTotal: number
  messagesSentTotal: number
  malformedMessagesTotal: number
  providerRecords: number
  mutableRecords: number
  providedKeys: number
}

/** Per-call options. */
export interface CallOptions {
  signal?: AbortSignal
  /** @default 30000 */
  timeoutMs?: number
}

/** One search result as the DHT streams it (docs/search.md); a CID may come again with more providers. */
export interface DhtSearchResult extends FileMetadata {
  /** Peers that published the file (each signed its entry). */
  providers: DhtPeer[]
  matchedAll: boolean
  wordsMatched: number
  wordsInName: number
  /** Higher first. */
  score: number
}

/** Options of {@link DhtClient.search}. */
export interface SearchCallOptions {
  signal?: AbortSignal
  /**
   * Deadline of the query, after which the server ends the stream with what it found; the call's own
   * deadline is a little later. @default 5000 (at most 30000)
   */
  timeoutMs?: number
  /** Most results. @default 50 (at most 200) */
  limit?: number
  /** The last word also matches longer words (type-ahead). */
  prefix?: boolean
}

/** Typed client of a DHT service's gRPC API, for the transfer and gateway services. */
export interface DhtClient {
  findPeer(peerId: string, options?: CallOptions): Promise<DhtPeer>
  /** Providers of a CID, as the DHT finds them. */
  findProviders(cid: string, options?: CallOptions & { limit?: number }): AsyncIterable<DhtPeer & { hops: number }>
  /** Announces (and keeps republishing) that this peer holds `cid`; returns how many peers stored it. */
  provide(cid: string, options?: CallOptions): Promise<number>
  unprovide(cid: string, options?: CallOptions): Promise<void>
  putRecord(record: DhtRecord, options?: CallOptions): Promise<number>
  /** The newest valid record, or undefined when none exists. */
  getRecord(publicKey: Uint8Array, options?: CallOptions): Promise<DhtRecord | undefined>
  routingTable(options?: CallOptions): Promise<{ selfPeerId: string; contacts: DhtContact[]; replacements: number }>
  stats(options?: CallOptions): Promise<DhtStats>
  /** Publishes a public file's metadata under its keywords (republished until unpublished). */
  publishSearchEntry(metadata: FileMetadata, options?: CallOptions): Promise<PublishOutcome>
  /** Stops publishing `cid`; false when it was not published. */
  unpublishSearchEntry(cid: string, options?: CallOptions): Promise<boolean>
  /** Results as they are found. INVALID_ARGUMENT for an empty, overlong or control-character query. */
  search(query: string, options?: SearchCallOptions): AsyncIterable<DhtSearchResult>
  /**
   * Stores `envelope` (signed by this peer's identity) in `recipient`'s inbox on the k closest
   * peers (docs/dht.md#share-inboxes); INVALID_ARGUMENT when it does not verify for `recipient`.
   */
  deliverShare(
    recipient: Uint8Array,
    envelope: ShareEnvelope,
    options?: CallOptions,
  ): Promise<{ storedOn: number; envelopes: number }>
  /** The envelopes of `recipient`'s inbox, verified by the DHT service (a caller may check again). */
  getInbox(recipient: Uint8Array, options?: CallOptions): Promise<ShareEnvelope[]>
  close(): void
}

const DEFAULT_TIMEOUT_MS = 30_000
/** A search call outlives its query deadline by this much, so the server ends it, not the deadline. */
const SEARCH_DEADLINE_SLACK_MS = 5000

function toPeer(p: { peerId: string; addresses: string[] } | null | undefined): DhtPeer {
  return { peerId: p?.peerId ?? '', addresses: p?.addresses ?? [] }
}

/** Connects to a DHT service's gRPC address (e.g. `127.0.0.1:7102`). */
export function createDhtClient(address: string): DhtClient {
  const proto = loadDhtProto()
  const client = new proto.netswarm.dht.v1.DhtService(address, grpc.credentials.createInsecure(), GRPC_CHANNEL_OPTIONS)
  const opts = (o?: CallOptions): grpc.CallOptions => ({ deadline: Date.now() + (o?.timeoutMs ?? DEFAULT_TIMEOUT_MS) })
  const call = <Res>(
    o: CallOptions | undefined,
    start: (options: grpc.CallOptions, cb: (err: grpc.ServiceError | null, res?: Res) => void) => grpc.ClientUnaryCall,
  ): Promise<Res> =>
    new Promise<Res>((resolve, reject) => {
      const c = start(opts(o), (err, res) => (err ? reject(fromGrpcError(err)) : resolve(res as Res)))
      o?.signal?.addEventListener('abort', () => c.cancel(), { once: true })
      if (o?.signal?.aborted) c.cancel()
    })
  return {
    async findPeer(peerId, o) {
      const res = await call<{ peer: { peerId: string; addresses: string[] } | null }>(o, (co, cb) =>
        client.findPeer({ peerId }, co, cb),
      )
      return toPeer(res.peer)
    },
    async *findProviders(cid, o) {
      const stream = client.findProviders({ cid, limit: o?.limit ?? 0 }, opts(o))
      type Found = { peer: { peerId: string; addresses: string[] } | null; hops: number }
      for await (const item of readGrpcStream<Found>(stream, o?.signal)) {
        yield { ...toPeer(item.peer), hops: item.hops }
      }
    },
    async provide(cid, o) {
      const res = await call<{ storedOn: number }>(o, (co, cb) => client.provide({ cid }, co, cb))
      return res.storedOn
    },
    async unprovide(cid, o) {
      await call(o, (co, cb) => client.unprovide({ cid }, co, cb))
    },
    async putRecord(record, o) {
      const res = await call<{ storedOn: number }>(o, (co, cb) =>
        client.putRecord(
          {
            record: {
              publicKey: Buffer.from(record.publicKey),
              sequence: record.sequence,
              value: Buffer.from(record.value),
              signature: Buffer.from(record.signature),
            },
          },
          co,
          cb,
        ),
      )
      return res.storedOn
    },
    async getRecord(publicKey, o) {
      try {
        const res = await call<{ record: DhtRecord | null }>(o, (co, cb) =>
          client.getRecord({ publicKey: Buffer.from(publicKey) }, co, cb),
        )
        if (!res.record) return undefined
        const r = res.record
        return {
          publicKey: new Uint8Array(r.publicKey),
          sequence: String(r.sequence),
          value: new Uint8Array(r.value),
          signature: new Uint8Array(r.signature),
        }
      } catch (err) {
        if ((err as { code?: string }).code === 'NOT_FOUND') return undefined
        throw err
      }
    },
    async routingTable(o) {
      const res = await call<{
        selfPeerId: string
        contacts: {
          peer: { peerId: string; addresses: string[] } | null
          rttMs: number
          lastSeenMs: string
          bucketIndex: number
        }[]
        replacements: number
      }>(o, (co, cb) => client.getRoutingTable({}, co, cb))
      return {
        selfPeerId: res.selfPeerId,
        replacements: res.replacements,
        contacts: res.contacts.map((c) => ({
          ...toPeer(c.peer),
          rttMs: c.rttMs,
          lastSeenMs: Number(c.lastSeenMs),
          bucketIndex: c.bucketIndex,
        })),
      }
    },
    async stats(o) {
      const res = (await call(o, (co, cb) => client.getStats({}, co, cb))) as unknown as Record<string, string | number>
      const n = (k: string) => Number(res[k] ?? 0)
      return {
        routingTableSize: n('routingTableSize'),
        lookupsTotal: n('lookupsTotal'),
        lookupsFailedTotal: n('lookupsFailedTotal'),
        messagesReceivedTotal: n('messagesReceivedTotal'),
        messagesSentTotal: n('messagesSentTotal'),
        malformedMessagesTotal: n('malformedMessagesTotal'),
        providerRecords: n('providerRecords'),
        mutableRecords: n('mutableRecords'),
        providedKeys: n('providedKeys'),
      }
    },
    async publishSearchEntry(metadata, o) {
      const res = await call<PublishOutcome>(o, (co, cb) =>
        client.publishSearchEntry({ metadata: { ...metadata, size: String(metadata.size) } }, co, cb),
      )
      return { keywords: res.keywords, storedOn: res.storedOn }
    },
    async unpublishSearchEntry(cid, o) {
      const res = await call<{ wasPublished: boolean }>(o, (co, cb) => client.unpublishSearchEntry({ cid }, co, cb))
      return res.wasPublished
    },
    async *search(query, o) {
      const timeoutMs = o?.timeoutMs || DEFAULT_SEARCH_TIMEOUT_MS
      const stream = client.search(
        { query, limit: o?.limit ?? 0, timeoutMs: o?.timeoutMs ?? 0, prefix: o?.prefix ?? false },
        { deadline: Date.now() + timeoutMs + SEARCH_DEADLINE_SLACK_MS },
      )
      type Result = Omit<DhtSearchResult, keyof FileMetadata | 'providers'> & {
        metadata: SearchMetadata__Output | null
        providers: DhtPeer[]
      }
      for await (const r of readGrpcStream<Result>(stream, o?.signal)) {
        const m = r.metadata
        yield {
          cid: m?.cid ?? '',
          name: m?.name ?? '',
          mediaType: m?.mediaType ?? '',
          size: Number(m?.size ?? 0),
          tags: m?.tags ?? [],
          description: m?.description ?? '',
          providers: r.providers.map(toPeer),
          matchedAll: r.matchedAll,
          wordsMatched: r.wordsMatched,
          wordsInName: r.wordsInName,
          score: r.score,
        }
      }
    },
    async deliverShare(recipient, envelope, o) {
      return call<{ storedOn: number; envelopes: number }>(o, (co, cb) =>
        client.deliverShare({ recipient: Buffer.from(recipient), envelope }, co, cb),
      )
    },
    async getInbox(recipient, o) {
      const res = await call<{ envelopes: unknown[] }>(o, (co, cb) =>
        client.getInbox({ recipient: Buffer.from(recipient) }, co, cb),
      )
      // The service sends only envelopes that verified; a shape check keeps the type honest.
      return res.envelopes.flatMap((e) => {
        try {
          return [parseEnvelope(e)]
        } catch {
          return []
        }
      })
    },
    close: () => client.close(),
  }
}
