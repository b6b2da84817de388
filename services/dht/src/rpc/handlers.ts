import { handleInboxRequest } from '../inbox/handlers.ts'
import type { InboxStore } from '../inbox/inbox-store.ts'
import type { Contact } from '../kademlia/contact.ts'
import type { Key } from '../kademlia/key.ts'
import type { ProviderStore } from '../kademlia/providers.ts'
import type { RecordStore } from '../kademlia/records.ts'
import type { RoutingTable } from '../kademlia/routing-table.ts'
import { handleSearchRequest, type SearchHandlerContext } from '../search/handlers.ts'
import type { DhtRequest, DhtResponse, PeerRecord } from './messages.ts'

/** What the request handlers read and write. */
export interface HandlerContext {
  table: RoutingTable
  providers: ProviderStore
  records: RecordStore
  /** How many closer peers to return. */
  k: number
  /** Search entry store and this peer's own public files. */
  search: Omit<SearchHandlerContext, 'closer'>
  /** Share envelopes stored for others (docs/dht.md#share-inboxes). */
  inbox: InboxStore
}

/** The authenticated sender of a request. */
export interface RequestSender {
  id: Key
  addresses: string[]
}

/**
 * Answers one request from the local stores (pure apart from the stores it updates).
 * The provider of ADD_PROVIDER is always the authenticated sender, so nobody can announce others.
 */
export function handleRequest(ctx: HandlerContext, from: RequestSender, request: DhtRequest, now: number): DhtResponse {
  switch (request.type) {
    case 'PING':
      return { type: 'PONG' }
    case 'FIND_NODE':
      return { type: 'NODES', closer: closer(ctx, request.target, request.count) }
    case 'GET_PROVIDERS':
      return {
        type: 'PROVIDERS',
        providers: ctx.providers.get(request.key, now).map((p) => ({ id: p.id, addresses: p.addresses })),
        closer: closer(ctx, request.key, request.count),
      }
    case 'ADD_PROVIDER': {
      if (from.addresses.length === 0)
        return { type: 'ERROR', code: 'INVALID_RECORD', message: 'provider has no address' }
      const stored = ctx.providers.add(request.key, from, now)
      return stored ? { type: 'OK', stored } : { type: 'ERROR', code: 'STORE_FULL', message: 'provider store is full' }
    }
    case 'GET_RECORD':
      return { type: 'RECORD', record: ctx.records.get(request.key), closer: closer(ctx, request.key, request.count) }
    case 'PUT_RECORD': {
      const outcome = ctx.records.put(request.record)
      if (outcome === 'stored' || outcome === 'unchanged') return { type: 'OK', stored: true }
      if (outcome === 'stale') return { type: 'OK', stored: false }
      return { type: 'ERROR', code: 'INVALID_RECORD', message: `record refused: ${outcome}` }
    }
    case 'STORE_ENTRY':
    case 'REMOVE_ENTRY':
    case 'FIND_ENTRIES':
    case 'SEARCH_LOCAL':
      return handleSearchRequest({ ...ctx.search, closer: (key, count) => closer(ctx, key, count) }, from, request, now)
    case 'STORE_INBOX':
    case 'FIND_INBOX':
      return handleInboxRequest(
        { inbox: ctx.inbox, closer: (key, count) => closer(ctx, key, count) },
        from,
        request,
        now,
      )
  }
}

/** Most closer peers one answer carries (the codec's limit). */
const MAX_CLOSER = 40

function closer(ctx: HandlerContext, target: Key, count?: number): PeerRecord[] {
  return ctx.table.closest(target, Math.min(MAX_CLOSER, count ?? ctx.k)).map(toPeerRecord)
}

/** The wire form of a contact. */
export function toPeerRecord(c: Contact): PeerRecord {
  return { id: c.id, addresses: c.addresses }
}
