import { setMaxListeners } from 'node:events'
import type { ShareEnvelope } from '@netswarm/content/private'
import { InvalidArgumentError, NetSwarmError } from '@netswarm/runtime'
import type { Contact } from '../kademlia/contact.ts'
import { keyToHex } from '../kademlia/key.ts'
import type { DhtNode } from '../node.ts'
import { envelopeId, envelopeProblem, inboxKey } from './envelope.ts'

/** Options of {@link InboxService}. */
export interface InboxServiceInit {
  /** This peer's raw Ed25519 identity key: the only sender whose envelopes it stores on others. */
  publicKey: Uint8Array
  /** Most envelopes this peer keeps republishing; the oldest delivery stops first. @default 10000 */
  maxDelivered?: number
}

/** Outcome of a delivery. */
export interface DeliverOutcome {
  /** Peers (among the k closest to the inbox key) that acknowledged the envelope. */
  storedOn: number
  /** Envelopes this peer now keeps in that recipient's inbox (republished until the peer stops). */
  envelopes: number
}

/** Most pages asked of one peer while reading an inbox (each answer holds at least one envelope). */
const MAX_PAGES = 16

/**
 * Share inboxes on top of a {@link DhtNode} (docs/dht.md#share-inboxes): stores this peer's signed
 * envelopes in recipients' inboxes on the k closest peers (and republishes them like provider
 * records), and reads an inbox back from those peers, keeping only envelopes that verify.
 */
export class InboxService {
  /** Envelopes we delivered, by recipient and envelope, with the time each was last announced. */
  private readonly delivered = new Map<
    string,
    { recipient: Uint8Array; envelope: ShareEnvelope; announcedAt: number }
  >()
  private readonly ownKey: string
  private readonly maxDelivered: number

  constructor(
    private readonly node: DhtNode,
    init: InboxServiceInit,
  ) {
    this.ownKey = Buffer.from(init.publicKey).toString('base64url')
    this.maxDelivered = init.maxDelivered ?? 10_000
  }

  /**
   * Stores `envelope` (signed by this peer's identity) in `recipient`'s inbox on the k closest
   * peers; republished until the process stops.
   * @throws InvalidArgumentError when it does not verify for `recipient`;
   *   FAILED_PRECONDITION when another key signed it (peers store envelopes only from their sender).
   */
  async deliver(recipient: Uint8Array, envelope: ShareEnvelope, signal?: AbortSignal): Promise<DeliverOutcome> {
    const problem = envelopeProblem(envelope, recipient)
    if (problem) throw new InvalidArgumentError(`envelope refused: ${problem} (it must verify for the recipient key)`)
    if (envelope.sender !== this.ownKey) {
      throw new NetSwarmError(
        'FAILED_PRECONDITION',
        "the envelope must be signed by this peer's identity: peers store envelopes only from their sender",
      )
    }
    const recipientHex = keyToHex(recipient)
    const id = `${recipientHex}:${envelopeId(envelope)}`
    this.delivered.delete(id)
    this.delivered.set(id, { recipient, envelope, announcedAt: this.node.clock.now() })
    if (this.delivered.size > this.maxDelivered) {
      const oldest = this.delivered.keys().next().value
      if (oldest !== undefined) this.delivered.delete(oldest)
    }
    const storedOn = await this.announce(recipient, envelope, signal)
    let envelopes = 0
    for (const d of this.delivered.values()) if (keyToHex(d.recipient) === recipientHex) envelopes++
    return { storedOn, envelopes }
  }

  private async announce(recipient: Uint8Array, envelope: ShareEnvelope, signal?: AbortSignal): Promise<number> {
    const key = inboxKey(recipient)
    this.node.inbox.put(key, envelope, keyToHex(this.node.id), this.node.clock.now())
    const { closest } = await this.node.lookup(key, signal)
    const acks = await Promise.allSettled(
      closest.map((c) => this.node.query(c, { type: 'STORE_INBOX', recipient, envelope }, signal)),
    )
    return acks.filter((a) => a.status === 'fulfilled' && a.value.type === 'OK' && a.value.stored).length
  }

  /** Re-announces every envelope last announced before `now - republishIntervalMs`. */
  async republish(signal?: AbortSignal): Promise<number> {
    const due = this.node.clock.now() - this.node.republishIntervalMs
    let count = 0
    for (const held of [...this.delivered.values()]) {
      if (held.announcedAt > due || signal?.aborted) continue
      held.announcedAt = this.node.clock.now()
      await this.announce(held.recipient, held.envelope, signal).catch(() => 0)
      count++
    }
    return count
  }

  /**
   * The envelopes in `recipient`'s inbox held by us and by the k closest peers, each verified for
   * `recipient` (a peer's word is never trusted) and listed once.
   */
  async read(recipient: Uint8Array, signal?: AbortSignal): Promise<ShareEnvelope[]> {
    if (recipient.length !== 32) throw new InvalidArgumentError('a recipient key is a raw 32-byte Ed25519 key')
    if (signal) setMaxListeners(0, signal)
    const key = inboxKey(recipient)
    const found = new Map<string, ShareEnvelope>()
    const accept = (envelopes: ShareEnvelope[]) => {
      for (const e of envelopes) {
        if (found.has(e.sig) || envelopeProblem(e, recipient) !== undefined) continue
        found.set(e.sig, e)
      }
    }
    accept(this.node.inbox.get(key, this.node.clock.now()).map((s) => s.envelope))
    // Holders with more than one answer carries: asked again from where their answer stopped.
    const more: { contact: Contact; offset: number; total: number }[] = []
    await this.node.iterate(
      key,
      { type: 'FIND_INBOX', key, offset: 0 },
      {
        signal,
        onResponse: (from, response) => {
          if (response.type !== 'INBOX') return
          accept(response.envelopes)
          if (response.envelopes.length > 0 && response.envelopes.length < response.total) {
            more.push({ contact: from, offset: response.envelopes.length, total: response.total })
          }
        },
      },
    )
    await Promise.allSettled(
      more.map(async (holder) => {
        for (let page = 0; page < MAX_PAGES && holder.offset < holder.total; page++) {
          const response = await this.node.query(
            holder.contact,
            { type: 'FIND_INBOX', key, offset: holder.offset },
            signal,
          )
          if (response.type !== 'INBOX' || response.envelopes.length === 0) return
          accept(response.envelopes)
          holder.offset += response.envelopes.length
        }
      }),
    )
    return [...found.values()]
  }
}
