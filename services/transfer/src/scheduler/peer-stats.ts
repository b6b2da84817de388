/**
 * Per-peer measurements: exponentially weighted moving averages of throughput and round-trip time.
 * Pure: every update carries its own `now` (milliseconds, any monotonic origin).
 */

/** Weight of a new throughput sample. High enough to follow a peer that slows down within a few chunks. */
export const RATE_EWMA_ALPHA = 0.3
/** Weight of a new RTT sample. */
export const RTT_EWMA_ALPHA = 0.2
/** RTT assumed before the first sample (loopback or LAN is far below; a WAN a bit above). */
export const DEFAULT_RTT_MS = 20
/** Shortest interval a sample may cover, so two chunks in the same millisecond give a finite rate. */
const MIN_SAMPLE_MS = 0.01

/** An exponentially weighted moving average; undefined until the first sample. */
export class Ewma {
  readonly alpha: number
  #value: number | undefined

  constructor(alpha: number) {
    this.alpha = alpha
  }

  get value(): number | undefined {
    return this.#value
  }

  update(sample: number): number {
    this.#value = this.#value === undefined ? sample : this.#value + this.alpha * (sample - this.#value)
    return this.#value
  }

  /** Scales the current value (e.g. halves the rate of a peer whose request timed out). */
  scale(factor: number): void {
    if (this.#value !== undefined) this.#value *= factor
  }
}

/**
 * Throughput and RTT of one peer. Throughput samples are `bytes / (now - max(sentAt, lastReceivedAt))`:
 * with a full pipeline, chunks arrive back to back, so the gap between arrivals measures the link
 * rather than the round trip; the first chunk after an idle spell includes one RTT, which is right too.
 */
export class PeerStats {
  readonly rate = new Ewma(RATE_EWMA_ALPHA)
  readonly rtt = new Ewma(RTT_EWMA_ALPHA)
  bytesReceived = 0
  chunksReceived = 0
  #lastReceivedAt: number | undefined

  /** Records a chunk of `bytes` that was requested at `sentAt` and arrived at `now`. */
  onChunk(bytes: number, sentAt: number, now: number, pipelineWasEmpty: boolean): void {
    const start = Math.max(sentAt, this.#lastReceivedAt ?? sentAt)
    const elapsed = Math.max(MIN_SAMPLE_MS, now - start)
    const rate = this.rate.update(bytes / elapsed)
    // A request sent to an idle peer took one RTT plus its own transfer time.
    if (pipelineWasEmpty) this.rtt.update(Math.max(MIN_SAMPLE_MS, now - sentAt - bytes / rate))
    this.#lastReceivedAt = now
    this.bytesReceived += bytes
    this.chunksReceived++
  }

  /** A round-trip measured elsewhere (the wire session's ping). */
  onRtt(rttMs: number): void {
    if (Number.isFinite(rttMs) && rttMs >= 0) this.rtt.update(Math.max(MIN_SAMPLE_MS, rttMs))
  }

  /** A request timed out: believe the peer is half as fast until it proves otherwise. */
  onTimeout(): void {
    this.rate.scale(0.5)
  }

  /** The pipeline drained: the next arrival gap would include idle time, so forget the last arrival. */
  onIdle(): void {
    this.#lastReceivedAt = undefined
  }

  /** Bytes per millisecond, or undefined before the first chunk. */
  get bytesPerMs(): number | undefined {
    return this.rate.value
  }

  get rttMs(): number {
    return this.rtt.value ?? DEFAULT_RTT_MS
  }
}
