import type { ShareEnvelope } from '@netswarm/content/private'
import type { Key } from '../kademlia/key.ts'
import type { SignedRecord } from '../kademlia/records.ts'
import type { SearchEntry } from '../search/entry.ts'
import type { FoundEntry } from '../search/entry-codec.ts'
import type { SearchQuery } from '../search/query.ts'

/** A peer as carried in DHT messages: its ID and wire addresses (third-party claims until verified). */
export interface PeerRecord {
  id: Key
  addresses: string[]
}

/** Requests one DHT node sends another (docs/dht.md, "Messages"). */
export type DhtRequest =
  | { type: 'PING' }
  | { type: 'FIND_NODE'; target: Key; count?: number }
  | { type: 'GET_PROVIDERS'; key: Key; count?: number }
  | { type: 'ADD_PROVIDER'; key: Key }
  | { type: 'GET_RECORD'; key: Key; count?: number }
  | { type: 'PUT_RECORD'; record: SignedRecord }
  /** Stores a search entry under SHA-256 of a keyword; the sender must be the entry's publisher. */
  | { type: 'STORE_ENTRY'; keyword: string; entry: SearchEntry }
  /** Withdraws the sender's entry for `cid` under `keyword`. */
  | { type: 'REMOVE_ENTRY'; keyword: string; cid: string }
  /** Entries under a keyword key matching `query` (best first), plus closer peers (a lookup step). */
  | { type: 'FIND_ENTRIES'; key: Key; query: SearchQuery; limit: number; count?: number }
  /** Entries of the files the receiver itself published that match `query`. */
  | { type: 'SEARCH_LOCAL'; query: SearchQuery; limit: number }
  /** Stores a share envelope in `recipient`'s inbox; the sender must be the envelope's signer. */
  | { type: 'STORE_INBOX'; recipient: Uint8Array; envelope: ShareEnvelope }
  /** Envelopes of the inbox `key` from `offset` on, plus closer peers (a lookup step). */
  | { type: 'FIND_INBOX'; key: Key; offset: number; count?: number }

/**
 * `count` (optional, 1..40) asks for more than k closer peers: a lookup that met dead peers asks
 * for k + failures so the closest live peers are not cut off by dead ones ahead of them.
 */
export type LookupRequest = Extract<
  DhtRequest,
  { type: 'FIND_NODE' | 'GET_PROVIDERS' | 'GET_RECORD' | 'FIND_ENTRIES' | 'FIND_INBOX' }
>

/** Answers to {@link DhtRequest}s. */
export type DhtResponse =
  | { type: 'PONG' }
  | { type: 'NODES'; closer: PeerRecord[] }
  | { type: 'PROVIDERS'; providers: PeerRecord[]; closer: PeerRecord[] }
  | { type: 'RECORD'; record?: SignedRecord; closer: PeerRecord[] }
  | { type: 'OK'; stored: boolean }
  | { type: 'ENTRIES'; entries: FoundEntry[]; closer: PeerRecord[] }
  /** `total`: envelopes the answerer holds in the inbox (more than sent: ask again from a later offset). */
  | { type: 'INBOX'; envelopes: ShareEnvelope[]; total: number; closer: PeerRecord[] }
  | { type: 'ERROR'; code: DhtErrorCode; message: string }

/** Error codes a DHT node answers with. */
export type DhtErrorCode = 'MALFORMED_MESSAGE' | 'RATE_LIMITED' | 'INVALID_RECORD' | 'STORE_FULL' | 'INTERNAL'

/** A request plus the listen addresses of its sender (so the receiver can add it as a contact). */
export interface RequestEnvelope {
  /** Where the sender accepts DHT connections (`host:port`); empty for a client-only node. */
  sender: string[]
  request: DhtRequest
}
