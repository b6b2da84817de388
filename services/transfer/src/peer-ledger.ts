import { Ewma } from './scheduler/peer-stats.ts'

/** Interval over which ledger rates are sampled. */
const RATE_WINDOW_MS = 1000

/** Lifetime traffic with one peer, across all transfers (what the console's peer table shows). */
export interface PeerRecord {
  peerId: string
  address: string
  connected: boolean
  bytesIn: number
  bytesOut: number
  chunksIn: number
  chunksOut: number
  bytesInPerSecond: number
  bytesOutPerSecond: number
  rttMs: number
  verificationFailures: number
}

interface Entry extends PeerRecord {
  windowIn: number
  windowOut: number
  rateIn: Ewma
  rateOut: Ewma
}

/** Per-peer counters and moving-average rates; `now` comes from the caller's clock. */
export class PeerLedger {
  readonly #peers = new Map<string, Entry>()
  #windowStart: number

  constructor(now: number) {
    this.#windowStart = now
  }

  #entry(peerId: string): Entry {
    let e = this.#peers.get(peerId)
    if (!e) {
      e = {
        peerId,
        address: '',
        connected: false,
        bytesIn: 0,
        bytesOut: 0,
        chunksIn: 0,
        chunksOut: 0,
        bytesInPerSecond: 0,
        bytesOutPerSecond: 0,
        rttMs: 0,
        verificationFailures: 0,
        windowIn: 0,
        windowOut: 0,
        rateIn: new Ewma(0.5),
        rateOut: new Ewma(0.5),
      }
      this.#peers.set(peerId, e)
    }
    return e
  }

  connected(peerId: string, address: string, connected: boolean): void {
    const e = this.#entry(peerId)
    e.connected = connected
    if (address) e.address = address
  }

  received(peerId: string, bytes: number): void {
    const e = this.#entry(peerId)
    e.bytesIn += bytes
    e.chunksIn++
    e.windowIn += bytes
  }

  sent(peerId: string, bytes: number): void {
    const e = this.#entry(peerId)
    e.bytesOut += bytes
    e.chunksOut++
    e.windowOut += bytes
  }

  badChunk(peerId: string): void {
    this.#entry(peerId).verificationFailures++
  }

  rtt(peerId: string, rttMs: number | undefined): void {
    if (rttMs !== undefined) this.#entry(peerId).rttMs = rttMs
  }

  /** Closes the current rate window when it is over. */
  sample(now: number): void {
    const elapsed = now - this.#windowStart
    if (elapsed < RATE_WINDOW_MS) return
    for (const e of this.#peers.values()) {
      e.bytesInPerSecond = e.rateIn.update((e.windowIn * 1000) / elapsed)
      e.bytesOutPerSecond = e.rateOut.update((e.windowOut * 1000) / elapsed)
      e.windowIn = 0
      e.windowOut = 0
    }
    this.#windowStart = now
  }

  list(): PeerRecord[] {
    return [...this.#peers.values()].map(({ windowIn, windowOut, rateIn, rateOut, ...record }) => ({ ...record }))
  }
}
