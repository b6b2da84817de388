/** Options of {@link RateLimiter}. */
export interface RateLimiterInit {
  /** Sustained requests per second allowed per peer. @default 50 */
  ratePerSecond?: number
  /** Burst allowance per peer. @default 200 */
  burst?: number
  /** Most peers tracked; the least recently active is forgotten first. @default 10000 */
  maxPeers?: number
}

interface BucketState {
  tokens: number
  at: number
}

/** A token bucket per peer, with bounded memory. */
export class RateLimiter {
  private readonly peers = new Map<string, BucketState>()
  private readonly rate: number
  private readonly burst: number
  private readonly maxPeers: number

  constructor(init: RateLimiterInit = {}) {
    this.rate = (init.ratePerSecond ?? 50) / 1000
    this.burst = init.burst ?? 200
    this.maxPeers = init.maxPeers ?? 10_000
  }

  /** Takes one token for `peer`; false when the peer is over its rate. */
  allow(peer: string, now: number): boolean {
    let state = this.peers.get(peer)
    if (state) {
      this.peers.delete(peer)
      state.tokens = Math.min(this.burst, state.tokens + (now - state.at) * this.rate)
      state.at = now
    } else {
      state = { tokens: this.burst, at: now }
      if (this.peers.size >= this.maxPeers) {
        const oldest = this.peers.keys().next().value
        if (oldest !== undefined) this.peers.delete(oldest)
      }
    }
    this.peers.set(peer, state)
    if (state.tokens < 1) return false
    state.tokens -= 1
    return true
  }
}
