import type { ShareEnvelope } from '@netswarm/content/private'
import { type Key, keyToHex } from '../kademlia/key.ts'
import { envelopeId } from './envelope.ts'

/** An envelope held in an inbox, with its sender's peer ID and when it lapses. */
export interface StoredEnvelope {
  envelope: ShareEnvelope
  /** Hex peer ID of the sender (the storing peer, authenticated by the wire session). */
  sender: string
  storedAt: number
  expiresAt: number
}

/** Options of {@link InboxStore}. */
export interface InboxStoreInit {
  /** Envelope lifetime unless its sender stores it again. @default 7 days */
  ttlMs?: number
  /** Most envelopes per inbox. @default 256 */
  maxPerInbox?: number
  /** Most envelopes one sender holds in one inbox. @default 32 */
  maxPerSenderPerInbox?: number
  /** Most envelopes one sender holds in this store in total. @default 1024 */
  maxPerSender?: number
  /** Most envelopes in total. @default 50000 */
  maxTotal?: number
}

/** Outcome of {@link InboxStore.put}. */
export type InboxPutOutcome = 'stored' | 'refreshed' | 'sender-full' | 'store-full'

interface Inbox {
  /** By sender key and ephemeral key, in refresh order (oldest first). */
  entries: Map<string, StoredEnvelope>
  /** Envelopes per sender in this inbox. */
  perSender: Map<string, number>
}

/**
 * Share envelopes stored for others, under inbox keys. Bounded per inbox, per sender and in total;
 * envelopes expire after `ttlMs` unless their sender stores them again.
 *
 * Fairness when an inbox is full: a sender holding `maxPerSenderPerInbox` envelopes makes room
 * with its own oldest; otherwise the oldest envelope of the most represented sender goes (ties:
 * the sender holding the oldest envelope). A new envelope always gets in, and a flood from one
 * sender displaces that sender's envelopes before anyone else's: one identity can push out at most
 * one envelope of others.
 */
export class InboxStore {
  private readonly inboxes = new Map<string, Inbox>()
  private readonly perSender = new Map<string, number>()
  private total = 0
  readonly ttlMs: number
  private readonly maxPerInbox: number
  private readonly maxPerSenderPerInbox: number
  private readonly maxPerSender: number
  private readonly maxTotal: number

  constructor(init: InboxStoreInit = {}) {
    this.ttlMs = init.ttlMs ?? 7 * 24 * 3600_000
    this.maxPerInbox = init.maxPerInbox ?? 256
    this.maxPerSenderPerInbox = Math.min(init.maxPerSenderPerInbox ?? 32, this.maxPerInbox)
    this.maxPerSender = init.maxPerSender ?? 1024
    this.maxTotal = init.maxTotal ?? 50_000
  }

  /** Envelopes stored. */
  get size(): number {
    return this.total
  }

  /** Inboxes with at least one envelope. */
  get inboxCount(): number {
    return this.inboxes.size
  }

  /**
   * Stores (or refreshes) `envelope` in the inbox `key`. The caller has verified the envelope for
   * the inbox's recipient and that the peer storing it is its sender (`senderHex`).
   */
  put(key: Key, envelope: ShareEnvelope, senderHex: string, now: number): InboxPutOutcome {
    const hex = keyToHex(key)
    const id = envelopeId(envelope)
    const stored: StoredEnvelope = { envelope, sender: senderHex, storedAt: now, expiresAt: now + this.ttlMs }
    let inbox = this.inboxes.get(hex)
    if (inbox?.entries.has(id)) {
      inbox.entries.delete(id)
      inbox.entries.set(id, stored)
      return 'refreshed'
    }
    if ((this.perSender.get(senderHex) ?? 0) >= this.maxPerSender) {
      this.expire(now)
      if ((this.perSender.get(senderHex) ?? 0) >= this.maxPerSender) return 'sender-full'
    }
    if (this.total >= this.maxTotal) {
      this.expire(now)
      if (this.total >= this.maxTotal) return 'store-full'
    }
    if (inbox) this.dropExpired(hex, inbox, now)
    else inbox = { entries: new Map(), perSender: new Map() }
    if ((inbox.perSender.get(senderHex) ?? 0) >= this.maxPerSenderPerInbox) {
      this.evictOldestOf(inbox, senderHex)
    } else if (inbox.entries.size >= this.maxPerInbox) {
      this.evictOldestOf(inbox, mostRepresented(inbox))
    }
    // Expiry or eviction may have emptied and unlinked the inbox.
    this.inboxes.set(hex, inbox)
    inbox.entries.set(id, stored)
    this.count(inbox, senderHex, +1)
    return 'stored'
  }

  /** Live envelopes of the inbox `key`, oldest first. */
  get(key: Key, now: number): StoredEnvelope[] {
    const inbox = this.inboxes.get(keyToHex(key))
    if (!inbox) return []
    return [...inbox.entries.values()].filter((e) => e.expiresAt > now)
  }

  /** How many envelopes `senderHex` holds in the inbox `key` (tests, metrics). */
  countOf(key: Key, senderHex: string): number {
    return this.inboxes.get(keyToHex(key))?.perSender.get(senderHex) ?? 0
  }

  /** Drops expired envelopes everywhere. */
  expire(now: number): void {
    for (const [hex, inbox] of this.inboxes) this.dropExpired(hex, inbox, now)
  }

  private dropExpired(hex: string, inbox: Inbox, now: number): void {
    // Insertion order is refresh order and the TTL is fixed: expired envelopes are at the front.
    for (const [id, e] of inbox.entries) {
      if (e.expiresAt > now) break
      inbox.entries.delete(id)
      this.count(inbox, e.sender, -1)
    }
    if (inbox.entries.size === 0) this.inboxes.delete(hex)
  }

  private evictOldestOf(inbox: Inbox, senderHex: string): void {
    // Insertion order is refresh order: the first match is the sender's oldest envelope.
    for (const [id, e] of inbox.entries) {
      if (e.sender !== senderHex) continue
      inbox.entries.delete(id)
      this.count(inbox, senderHex, -1)
      return
    }
  }

  private count(inbox: Inbox, senderHex: string, delta: number): void {
    this.total += delta
    const inInbox = (inbox.perSender.get(senderHex) ?? 0) + delta
    if (inInbox > 0) inbox.perSender.set(senderHex, inInbox)
    else inbox.perSender.delete(senderHex)
    const overall = (this.perSender.get(senderHex) ?? 0) + delta
    if (overall > 0) this.perSender.set(senderHex, overall)
    else this.perSender.delete(senderHex)
  }
}

/** The sender with the most envelopes in `inbox`; ties go to the one holding the oldest envelope. */
function mostRepresented(inbox: Inbox): string {
  const most = Math.max(0, ...inbox.perSender.values())
  for (const e of inbox.entries.values()) if (inbox.perSender.get(e.sender) === most) return e.sender
  return ''
}
