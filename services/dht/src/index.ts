export { cidToKey } from './cid-key.ts'
export {
  type CallOptions,
  createDhtClient,
  type DhtClient,
  type DhtContact,
  type DhtPeer,
  type DhtRecord,
  type DhtSearchResult,
  type DhtStats,
  type SearchCallOptions,
} from './client.ts'
export { type DhtConfig, type DhtConfigInput, dhtConfigSchema, loadDhtConfig, parseDhtConfig } from './config.ts'
export { ContentRouting, InvalidRecordError, type ProviderFound } from './content-routing.ts'
export { envelopeProblem, inboxKey } from './inbox/envelope.ts'
export { type DeliverOutcome, InboxService, type InboxServiceInit } from './inbox/inbox-service.ts'
export { InboxStore, type InboxStoreInit } from './inbox/inbox-store.ts'
export type { Contact } from './kademlia/contact.ts'
export { commonPrefixLength, compareDistance, distance, KEY_BITS, KEY_BYTES, type Key } from './kademlia/key.ts'
export { Lookup, type LookupCommand, type LookupEvent, type LookupInit, type LookupResult } from './kademlia/lookup.ts'
export {
  checkRecord,
  MAX_RECORD_VALUE_BYTES,
  recordKey,
  recordSigningBytes,
  type SignedRecord,
  signRecord,
} from './kademlia/records.ts'
export { type AddResult, RoutingTable, type RoutingTableInit } from './kademlia/routing-table.ts'
export { DhtNode, type DhtNodeComponents, type DhtNodeInit, type DhtNodeStats } from './node.ts'
export {
  checkEntry,
  ENTRY_LIMITS,
  type FileMetadata,
  type SearchEntry,
  signEntry,
} from './search/entry.ts'
export { KeywordEntryStore, type KeywordEntryStoreInit } from './search/entry-store.ts'
export { foldText, keywordKey, keywordsOf, wordsOf } from './search/normalize.ts'
export { InvalidQueryError, MAX_QUERY_CHARS, MAX_QUERY_WORDS, parseQuery, type SearchQuery } from './search/query.ts'
export type { SearchHit } from './search/rank.ts'
export { type PublishOutcome, type SearchOptions, SearchService } from './search/search-service.ts'
export { createDhtService, DHT_SERVICE_NAME, type DhtService, type DhtServiceComponents } from './service.ts'
export type { DhtTransport, TransportReply } from './transport.ts'
