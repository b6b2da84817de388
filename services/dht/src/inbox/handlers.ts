import { keyToHex } from '../kademlia/key.ts'
import type { DhtRequest, DhtResponse, PeerRecord } from '../rpc/messages.ts'
import { envelopeProblem, inboxKey, senderId } from './envelope.ts'
import { MAX_ENVELOPES_PER_MESSAGE } from './envelope-codec.ts'
import type { InboxStore } from './inbox-store.ts'

type InboxRequest = Extract<DhtRequest, { type: 'STORE_INBOX' | 'FIND_INBOX' }>

/** What the inbox request handlers read and write. */
export interface InboxHandlerContext {
  inbox: InboxStore
  /** Closer peers to a key, as for the other lookup requests. */
  closer: (key: Uint8Array, count?: number) => PeerRecord[]
}

/**
 * Answers the inbox requests. STORE_INBOX is taken only from the envelope's sender itself (the
 * wire session authenticated its key), with a signature that verifies for the named recipient, and
 * is stored under that recipient's inbox key: nobody can store, replace or remove envelopes of
 * other senders, and an envelope addressed to someone else never lands in an inbox.
 */
export function handleInboxRequest(
  ctx: InboxHandlerContext,
  from: { id: Uint8Array },
  request: InboxRequest,
  now: number,
): DhtResponse {
  switch (request.type) {
    case 'STORE_INBOX': {
      const { recipient, envelope } = request
      const problem = envelopeProblem(envelope, recipient)
      if (problem) return { type: 'ERROR', code: 'INVALID_RECORD', message: `envelope refused: ${problem}` }
      const sender = keyToHex(senderId(envelope))
      if (sender !== keyToHex(from.id)) {
        return { type: 'ERROR', code: 'INVALID_RECORD', message: 'envelope refused: only its sender may store it' }
      }
      const outcome = ctx.inbox.put(inboxKey(recipient), envelope, sender, now)
      if (outcome === 'sender-full') {
        return { type: 'ERROR', code: 'RATE_LIMITED', message: 'too many inbox envelopes from this sender' }
      }
      if (outcome === 'store-full') return { type: 'ERROR', code: 'STORE_FULL', message: 'inbox store is full' }
      return { type: 'OK', stored: true }
    }
    case 'FIND_INBOX': {
      const held = ctx.inbox.get(request.key, now)
      return {
        type: 'INBOX',
        envelopes: held.slice(request.offset, request.offset + MAX_ENVELOPES_PER_MESSAGE).map((s) => s.envelope),
        total: held.length,
        closer: ctx.closer(request.key, request.count),
      }
    }
  }
}
