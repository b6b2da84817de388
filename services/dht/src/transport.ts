import type { Contact } from './kademlia/contact.ts'
import type { Key } from './kademlia/key.ts'
import type { DhtRequest, DhtResponse } from './rpc/messages.ts'

/** Result of a request: the answer and the round-trip time measured for it. */
export interface TransportReply {
  response: DhtResponse
  rttMs: number
}

/**
 * How a {@link DhtNode} reaches other nodes. Implemented by the simulator (in-memory network)
 * and by the wire shell (authenticated encrypted TCP sessions). Implementations must only
 * answer from a peer whose authenticated key hashes to `contact.id`.
 */
export interface DhtTransport {
  /** Sends `request` to `contact`; rejects on timeout, refusal or a key that does not match its ID. */
  request(
    contact: Contact,
    request: DhtRequest,
    options: { timeoutMs: number; signal?: AbortSignal },
  ): Promise<TransportReply>
  /**
   * Reaches a node known only by address (bootstrap) and returns who answered: the ID is the one
   * its authenticated key proves.
   */
  dial(
    address: string,
    options: { timeoutMs: number; signal?: AbortSignal },
  ): Promise<{ id: Key; addresses: string[]; rttMs: number }>
}
