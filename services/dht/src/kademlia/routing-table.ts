import { type Contact, contactHost, smoothRtt } from './contact.ts'
import { commonPrefixLength, compareDistance, KEY_BITS, type Key, keyEquals } from './key.ts'

/** Options of {@link RoutingTable}. */
export interface RoutingTableInit {
  /** Our own ID. */
  self: Key
  /** Bucket size. @default 20 */
  k?: number
  /** Contacts kept per bucket to replace dead ones. @default k */
  replacementCacheSize?: number
  /** Most contacts sharing one host (IP) in a bucket; limits one machine filling a bucket. @default 2 */
  maxPerHostPerBucket?: number
  /**
   * Prefer fast contacts: a full bucket swaps its slowest contact for a new one at most half
   * as slow, and a dead contact is replaced by the fastest spare rather than the newest.
   * @default true
   */
  latencyAware?: boolean
}

/**
 * What {@link RoutingTable.add} did. For `bucket-full` the caller should ping `oldest` and call
 * {@link RoutingTable.remove} if it does not answer (paper §2.2: keep live old contacts); the
 * newcomer waits in the replacement cache meanwhile.
 */
export type AddResult =
  | { status: 'added'; evicted?: Contact }
  | { status: 'updated' }
  | { status: 'bucket-full'; oldest: Contact }
  | { status: 'rejected'; reason: 'self' | 'host-limit' }

interface Bucket {
  /** Least recently seen first. */
  contacts: Contact[]
  replacements: Contact[]
}

/** Kademlia's k-bucket table (§2.2): bucket `i` holds contacts sharing `i` leading bits with us. */
export class RoutingTable {
  readonly self: Key
  readonly k: number
  private readonly replacementCacheSize: number
  private readonly maxPerHost: number
  private readonly latencyAware: boolean
  /** Created on first use: most of the 257 buckets of a node stay empty. */
  private readonly buckets: (Bucket | undefined)[] = []
  private count = 0

  constructor(init: RoutingTableInit) {
    this.self = init.self
    this.k = init.k ?? 20
    this.replacementCacheSize = init.replacementCacheSize ?? this.k
    this.maxPerHost = init.maxPerHostPerBucket ?? 2
    this.latencyAware = init.latencyAware ?? true
    this.buckets.length = KEY_BITS + 1
  }

  /** Number of contacts in all buckets (not counting replacement caches). */
  get size(): number {
    return this.count
  }

  /** Number of contacts waiting in replacement caches. */
  get replacementCount(): number {
    let n = 0
    for (const b of this.buckets) n += b?.replacements.length ?? 0
    return n
  }

  /** Index of the bucket `id` belongs to: the length of its common prefix with us. */
  bucketIndex(id: Key): number {
    return commonPrefixLength(this.self, id)
  }

  /** The contact with this ID, if present. */
  get(id: Key): Contact | undefined {
    return this.buckets[this.bucketIndex(id)]?.contacts.find((c) => keyEquals(c.id, id))
  }

  /** Records that `contact` was just heard from (added, refreshed, or queued as a replacement). */
  add(contact: Contact, now: number): AddResult {
    const index = this.bucketIndex(contact.id)
    if (index === KEY_BITS) return { status: 'rejected', reason: 'self' }
    let bucket = this.buckets[index]
    if (!bucket) {
      bucket = { contacts: [], replacements: [] }
      this.buckets[index] = bucket
    }
    const at = bucket.contacts.findIndex((c) => keyEquals(c.id, contact.id))
    if (at >= 0) {
      const existing = bucket.contacts[at]
      bucket.contacts.splice(at, 1)
      existing.lastSeen = now
      if (contact.rttMs !== undefined) existing.rttMs = contact.rttMs
      if (contact.addresses.length > 0) existing.addresses = contact.addresses
      bucket.contacts.push(existing)
      return { status: 'updated' }
    }
    if (Number.isFinite(this.maxPerHost) && bucket.contacts.length > 0) {
      const host = contactHost(contact)
      if (!isExemptHost(host) && bucket.contacts.filter((c) => contactHost(c) === host).length >= this.maxPerHost) {
        return { status: 'rejected', reason: 'host-limit' }
      }
    }
    const fresh: Contact = { id: contact.id, addresses: contact.addresses, rttMs: contact.rttMs, lastSeen: now }
    if (bucket.contacts.length < this.k) {
      bucket.contacts.push(fresh)
      this.count++
      this.dropReplacement(bucket, fresh.id)
      return { status: 'added' }
    }
    if (this.latencyAware && fresh.rttMs !== undefined) {
      // Proximity neighbour selection: a much faster newcomer takes the slowest measured seat.
      let slowest: number | undefined
      for (let i = 0; i < bucket.contacts.length; i++) {
        const r = bucket.contacts[i].rttMs
        if (r !== undefined && (slowest === undefined || r > (bucket.contacts[slowest].rttMs as number))) slowest = i
      }
      if (slowest !== undefined && fresh.rttMs * 2 <= (bucket.contacts[slowest].rttMs as number)) {
        const [evicted] = bucket.contacts.splice(slowest, 1)
        bucket.contacts.push(fresh)
        this.dropReplacement(bucket, fresh.id)
        this.pushReplacement(bucket, evicted)
        return { status: 'added', evicted }
      }
    }
    this.pushReplacement(bucket, fresh)
    return { status: 'bucket-full', oldest: bucket.contacts[0] }
  }

  /** Folds an RTT sample into a contact's smoothed RTT. */
  recordRtt(id: Key, rttMs: number, now: number): void {
    const contact = this.get(id)
    if (contact) {
      contact.rttMs = smoothRtt(contact.rttMs, rttMs)
      contact.lastSeen = now
    }
  }

  /**
   * Removes a contact (dead, or failed its ping) and promotes a spare from the replacement
   * cache: the fastest when latency-aware, else the most recently seen.
   */
  remove(id: Key): Contact | undefined {
    const bucket = this.buckets[this.bucketIndex(id)]
    if (!bucket) return undefined
    const at = bucket.contacts.findIndex((c) => keyEquals(c.id, id))
    if (at < 0) {
      this.dropReplacement(bucket, id)
      return undefined
    }
    const [removed] = bucket.contacts.splice(at, 1)
    this.count--
    if (bucket.replacements.length > 0) {
      let pick = bucket.replacements.length - 1
      if (this.latencyAware) {
        for (let i = 0; i < bucket.replacements.length; i++) {
          const r = bucket.replacements[i].rttMs
          const best = bucket.replacements[pick].rttMs
          if (r !== undefined && (best === undefined || r < best)) pick = i
        }
      }
      const [promoted] = bucket.replacements.splice(pick, 1)
      // The promoted contact has the least fresh news: it goes first in line for the next ping.
      bucket.contacts.unshift(promoted)
      this.count++
    }
    return removed
  }

  /** Up to `n` contacts closest to `target` by XOR distance, closest first. */
  closest(target: Key, n = this.k, exclude?: (c: Contact) => boolean): Contact[] {
    const out: Contact[] = []
    // Walk buckets from the one sharing the longest prefix with the target outwards: every
    // contact of a bucket nearer to the target's prefix is closer than any in a farther one.
    const start = this.bucketIndex(target)
    const visit = (b: number) => {
      const bucket = this.buckets[b]
      if (bucket) for (const c of bucket.contacts) if (!exclude?.(c)) out.push(c)
    }
    if (start < KEY_BITS) visit(start)
    // Buckets past `start` all share exactly `start` bits with the target: take them all.
    for (let b = start + 1; b <= KEY_BITS; b++) visit(b)
    for (let b = Math.min(start, KEY_BITS) - 1; b >= 0 && out.length < n; b--) visit(b)
    out.sort((a, b) => compareDistance(target, a.id, b.id))
    return out.length > n ? out.slice(0, n) : out
  }

  /** Every contact, bucket by bucket. */
  contacts(): { contact: Contact; bucket: number }[] {
    const out: { contact: Contact; bucket: number }[] = []
    this.buckets.forEach((b, i) => {
      if (b) for (const contact of b.contacts) out.push({ contact, bucket: i })
    })
    return out
  }

  /** Indexes of non-empty buckets (and the first empty one) whose newest contact is older than `before`. */
  staleBuckets(before: number): number[] {
    const out: number[] = []
    let last = -1
    this.buckets.forEach((b, i) => {
      if (b && b.contacts.length > 0) last = i
    })
    for (let i = 0; i <= Math.min(last + 1, KEY_BITS - 1); i++) {
      const b = this.buckets[i]
      const newest = b && b.contacts.length > 0 ? b.contacts[b.contacts.length - 1].lastSeen : -Infinity
      if (newest < before) out.push(i)
    }
    return out
  }

  private pushReplacement(bucket: Bucket, contact: Contact): void {
    this.dropReplacement(bucket, contact.id)
    bucket.replacements.push(contact)
    if (bucket.replacements.length > this.replacementCacheSize) bucket.replacements.shift()
  }

  private dropReplacement(bucket: Bucket, id: Key): void {
    const at = bucket.replacements.findIndex((c) => keyEquals(c.id, id))
    if (at >= 0) bucket.replacements.splice(at, 1)
  }
}

/** Loopback peers are all one machine by construction (local swarm, tests): no per-host limit. */
function isExemptHost(host: string): boolean {
  return host === '' || host.startsWith('127.') || host === '::1' || host === '[::1]' || host === 'localhost'
}
