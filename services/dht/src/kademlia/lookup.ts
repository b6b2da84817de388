import type { Contact } from './contact.ts'
import { commonPrefixLength, compareDistance, type Key, keyToHex } from './key.ts'

/** Options of {@link Lookup}. */
export interface LookupInit {
  /** The key looked up. */
  target: Key
  /** How many closest peers the lookup must hear from. @default 20 */
  k?: number
  /** Queries in flight at once. @default 3 */
  alpha?: number
  /** Our own ID: never queried. */
  self?: Key
  /**
   * Among candidates equally close to the target (same common-prefix length), query those with
   * the lowest known RTT first. @default true
   */
  latencyAware?: boolean
  /** Known RTT (ms) of a contact, e.g. from the routing table; undefined when never measured. */
  rttOf?: (contact: Contact) => number | undefined
  /** Most candidates remembered (bounded memory). @default 16 * k */
  maxCandidates?: number
}

/** Inputs of the lookup state machine. */
export type LookupEvent =
  | { type: 'start'; seeds: Contact[]; now: number }
  | { type: 'response'; from: Key; closer: Contact[]; now: number; rttMs?: number }
  | { type: 'failure'; from: Key; now: number }
  /** A query outlived its `slowAfterMs`: it stops holding one of the alpha slots. */
  | { type: 'slow'; from: Key; now: number }

/** Outputs of the lookup state machine, for the shell to carry out. */
export type LookupCommand =
  | {
      type: 'query'
      contact: Contact
      hop: number
      /** How many closer peers to ask for. */
      want: number
      /** When latency-aware: report a `slow` event if no answer came after this long. */
      slowAfterMs?: number
    }
  | { type: 'done'; result: LookupResult }

/** The outcome of a finished lookup. */
export interface LookupResult {
  /** The k closest peers that answered, closest first. */
  closest: Contact[]
  /** Query depth at which the closest peer answered (1 = it was in our own table). */
  hops: number
  /** Queries sent. */
  queried: number
  /** Queries that failed or timed out. */
  failed: number
}

type CandidateState = 'new' | 'waiting' | 'answered' | 'failed'

interface Candidate {
  contact: Contact
  hex: string
  state: CandidateState
  /** Depth at which we learned of it: 0 for seeds. */
  depth: number
  /** Leading bits shared with the target: equal values mean "equally close" for ordering. */
  cpl: number
  /** Still waiting, but no longer counted against alpha. */
  slow: boolean
}

/**
 * An iterative Kademlia node lookup (paper §2.3) as a pure state machine: feed it events, carry
 * out the `query` commands it returns, and stop at `done`. It ends when the k closest candidates
 * not known to have failed have all answered; at most `alpha` queries are in flight.
 */
export class Lookup {
  readonly target: Key
  private readonly k: number
  private readonly alpha: number
  private readonly self?: Key
  private readonly latencyAware: boolean
  private readonly rttOf?: (c: Contact) => number | undefined
  private readonly maxCandidates: number
  /** Sorted by distance to the target, closest first. */
  private readonly candidates: Candidate[] = []
  private readonly byHex = new Map<string, Candidate>()
  /** Queries counted against alpha. */
  private inFlight = 0
  /** Queries declared slow and still outstanding. */
  private slowCount = 0
  /** RTTs of answers so far, to guess the RTT of peers never measured. */
  private readonly rtts: number[] = []
  private queried = 0
  private failed = 0
  private finished = false

  constructor(init: LookupInit) {
    this.target = init.target
    this.k = init.k ?? 20
    this.alpha = init.alpha ?? 3
    this.self = init.self
    this.latencyAware = init.latencyAware ?? true
    this.rttOf = init.rttOf
    this.maxCandidates = init.maxCandidates ?? 16 * this.k
  }

  /** True once `done` has been emitted. */
  get done(): boolean {
    return this.finished
  }

  advance(event: LookupEvent): LookupCommand[] {
    if (this.finished) return []
    switch (event.type) {
      case 'start':
        for (const c of event.seeds) this.offer(c, 0)
        break
      case 'response': {
        const from = this.byHex.get(keyToHex(event.from))
        if (from?.state !== 'waiting') return this.next()
        from.state = 'answered'
        this.release(from)
        if (event.rttMs !== undefined && this.rtts.length < 64) this.rtts.push(event.rttMs)
        for (const c of event.closer) this.offer(c, from.depth + 1)
        break
      }
      case 'failure': {
        const from = this.byHex.get(keyToHex(event.from))
        if (from?.state !== 'waiting') return this.next()
        from.state = 'failed'
        this.release(from)
        this.failed++
        break
      }
      case 'slow': {
        const from = this.byHex.get(keyToHex(event.from))
        if (from?.state !== 'waiting' || from.slow) return []
        from.slow = true
        this.inFlight--
        this.slowCount++
        break
      }
    }
    return this.next()
  }

  private release(c: Candidate): void {
    if (c.slow) this.slowCount--
    else this.inFlight--
  }

  private offer(contact: Contact, depth: number): void {
    if (this.self && compareDistance(this.self, contact.id, this.self) === 0) return
    const hex = keyToHex(contact.id)
    if (this.byHex.has(hex)) return
    const candidate: Candidate = {
      contact,
      hex,
      state: 'new',
      depth,
      cpl: commonPrefixLength(contact.id, this.target),
      slow: false,
    }
    // Binary insertion keeps candidates sorted by distance.
    let lo = 0
    let hi = this.candidates.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (compareDistance(this.target, this.candidates[mid].contact.id, contact.id) < 0) lo = mid + 1
      else hi = mid
    }
    if (lo >= this.maxCandidates) return
    this.candidates.splice(lo, 0, candidate)
    this.byHex.set(hex, candidate)
    // Forget the farthest never-queried candidates beyond the bound.
    while (this.candidates.length > this.maxCandidates) {
      const last = this.candidates[this.candidates.length - 1]
      if (last.state !== 'new') break
      this.candidates.pop()
      this.byHex.delete(last.hex)
    }
  }

  private next(): LookupCommand[] {
    const frontier: Candidate[] = []
    for (const c of this.candidates) {
      if (c.state === 'failed') continue
      frontier.push(c)
      if (frontier.length === this.k) break
    }
    if (frontier.every((c) => c.state === 'answered') && (frontier.length > 0 || this.inFlight === 0)) {
      return [this.finish(frontier)]
    }
    const fresh = frontier.filter((c) => c.state === 'new')
    // Slow queries free their slot but stay bounded: at most 4 * alpha outstanding.
    const slots = Math.min(this.alpha - this.inFlight, 4 * this.alpha - this.inFlight - this.slowCount)
    if (slots <= 0 || fresh.length === 0) return []
    if (this.latencyAware) {
      // Proximity route selection: the closest group first, and the fastest within a group.
      fresh.sort((a, b) => b.cpl - a.cpl || this.rtt(a) - this.rtt(b))
    }
    const commands: LookupCommand[] = []
    const typical = this.typicalRtt()
    for (const c of fresh.slice(0, slots)) {
      c.state = 'waiting'
      this.inFlight++
      this.queried++
      // Ask for k plus twice the peers that failed or are overdue (likely dead) so far: dead
      // entries in the answerer's table must not push the closest live peers out of its answer.
      const want = this.k + Math.min(this.k, 2 * (this.failed + this.slowCount))
      const query: LookupCommand = { type: 'query', contact: c.contact, hop: c.depth + 1, want }
      if (this.latencyAware) {
        // A peer slower than expected stops holding up the lookup (its answer still counts).
        const known = this.rttOf?.(c.contact) ?? c.contact.rttMs
        query.slowAfterMs = Math.round(1.2 * (known ?? typical)) + 5
      }
      commands.push(query)
    }
    return commands
  }

  private typicalRtt(): number {
    if (this.rtts.length === 0) return UNKNOWN_RTT_MS
    const sorted = [...this.rtts].sort((a, b) => a - b)
    return sorted[sorted.length >> 1]
  }

  private rtt(c: Candidate): number {
    // Unknown RTT sorts after known ones of the same group, as a typical (median-ish) peer.
    return this.rttOf?.(c.contact) ?? c.contact.rttMs ?? UNKNOWN_RTT_MS
  }

  private finish(frontier: Candidate[]): LookupCommand {
    this.finished = true
    return {
      type: 'done',
      result: {
        closest: frontier.map((c) => c.contact),
        hops: frontier.length > 0 ? frontier[0].depth + 1 : 0,
        queried: this.queried,
        failed: this.failed,
      },
    }
  }
}

/** Ordering weight of a contact never measured. */
const UNKNOWN_RTT_MS = 150
