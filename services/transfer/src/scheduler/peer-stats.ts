/**
 * Per-peer measurements: throughput over a sliding time window and an exponentially weighted
 * moving average of the round-trip time. Pure: every update and every read carries its own `now`
 * (milliseconds, any monotonic origin; the caller's injected clock).
 */

/** Length of the throughput window. Long enough to hold a few chunks of a slow peer, short enough to follow a slowdown. */
export const RATE_WINDOW_MS = 2000
/** Weight of a new RTT sample. */
export const RTT_EWMA_ALPHA = 0.2
/** RTT assumed before the first sample (loopback or LAN is far below; a WAN a bit above). */
export const DEFAULT_RTT_MS = 20
/** Shortest interval a measurement may cover, so a chunk arriving the millisecond it was asked for gives a finite rate. */
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

  /** Scales the current value. */
  scale(factor: number): void {
    if (this.#value !== undefined) this.#value *= factor
  }
}

/**
 * Bytes received in the last `windowMs` divided by the window's length: the rate a peer actually
 * delivered. Unlike an average of per-chunk rates (bytes / gap between two arrivals), chunks that
 * reach the process together after an event-loop stall cannot inflate it: they only count bytes
 * that did arrive within the window. The window never reaches back before the start of the
 * current busy period (the first request sent to an idle peer), so idle time does not drag the
 * rate down and a fresh peer is measured from its first request. Error bound: a chunk partly sent
 * before the window's start but arriving inside it overstates the rate by at most one chunk / window.
 *
 * The delivered rate is capped by the pipeline (few requests in flight over a long RTT deliver
 * little whatever the link), so sizing the pipeline from it would never let it grow. The window
 * therefore also keeps the link's **capacity**: over the arrivals whose request was already queued
 * at the peer (sent at least one RTT before the previous arrival), total bytes / total time between
 * consecutive arrivals. A ratio of sums, so a burst after a stall counts the stall's time too.
 */
export class WindowedRate {
  readonly windowMs: number
  /** Arrival times and sizes, oldest first; entries before `#head` have left the window. */
  #times: number[] = []
  #bytes: number[] = []
  /** Per arrival: time since the previous arrival when it is a capacity sample, else 0 (and its bytes in `#linkBytes`). */
  #gaps: number[] = []
  #linkBytes: number[] = []
  #head = 0
  /** Sums over the entries from `#head` on. */
  #sum = 0
  #sumGaps = 0
  #sumLinkBytes = 0
  #lastArrival: number | undefined
  /** Start of the current busy period; undefined while idle. */
  #busySince: number | undefined
  /** Whether something arrived in the current busy period. */
  #arrived = false
  /** The rate measured when the last busy period ended, reported until the current one has data. */
  #previous: number | undefined

  constructor(windowMs = RATE_WINDOW_MS) {
    if (!(windowMs > 0)) throw new RangeError('the rate window must be positive')
    this.windowMs = windowMs
  }

  /** Something was asked of the peer at `now`: a busy period starts unless one is running. */
  busy(now: number): void {
    this.#busySince ??= now
  }

  /** The peer has nothing in flight any more: keep its rate, but measure the next busy period afresh. */
  idle(now: number): void {
    if (this.#busySince === undefined) return
    this.#previous = this.#measure(now) ?? this.#previous
    this.#busySince = undefined
    this.#arrived = false
    this.#lastArrival = undefined
    this.#times = []
    this.#bytes = []
    this.#gaps = []
    this.#linkBytes = []
    this.#head = 0
    this.#sum = this.#sumGaps = this.#sumLinkBytes = 0
  }

  /**
   * `bytes` arrived at `now`, in answer to a request sent at `sentAt`; `rttMs` decides whether the
   * request was already waiting at the peer when it sent the previous chunk (a capacity sample).
   */
  add(bytes: number, sentAt: number, now: number, rttMs = 0): void {
    this.busy(Math.min(sentAt, now))
    this.#arrived = true
    const last = this.#lastArrival
    const queued = last !== undefined && sentAt + rttMs <= last
    const gap = queued ? Math.max(0, now - last) : 0
    this.#lastArrival = Math.max(last ?? now, now)
    this.#times.push(now)
    this.#bytes.push(bytes)
    this.#gaps.push(gap)
    this.#linkBytes.push(queued ? bytes : 0)
    this.#sum += bytes
    this.#sumGaps += gap
    this.#sumLinkBytes += queued ? bytes : 0
    this.#evict(now)
  }

  /** The link's rate while requests were queued at the peer (bytes/ms), over the window; undefined without such arrivals. */
  capacity(now: number): number | undefined {
    if (this.#busySince === undefined || !this.#arrived) return undefined
    this.#evict(now)
    if (this.#sumLinkBytes <= 0) return undefined
    return this.#sumLinkBytes / Math.max(MIN_SAMPLE_MS, this.#sumGaps)
  }

  /** Bytes per millisecond over the window ending at `now`; undefined before anything arrived. */
  at(now: number): number | undefined {
    return this.#measure(now) ?? this.#previous
  }

  #measure(now: number): number | undefined {
    if (this.#busySince === undefined || !this.#arrived) return undefined
    this.#evict(now)
    // Busy, and nothing arrived for a whole window: the peer delivers nothing.
    if (this.#sum <= 0) return 0
    const start = Math.max(now - this.windowMs, this.#busySince)
    return this.#sum / Math.max(MIN_SAMPLE_MS, now - start)
  }

  #evict(now: number): void {
    const from = now - this.windowMs
    while (this.#head < this.#times.length && this.#times[this.#head] <= from) {
      this.#sum -= this.#bytes[this.#head]
      this.#sumGaps -= this.#gaps[this.#head]
      this.#sumLinkBytes -= this.#linkBytes[this.#head]
      this.#head++
    }
    if (this.#head === this.#times.length) this.#sum = this.#sumGaps = this.#sumLinkBytes = 0
    // Compact now and then so the arrays hold little more than the window's arrivals.
    if (this.#head > 64 && this.#head * 2 > this.#times.length) {
      this.#times = this.#times.slice(this.#head)
      this.#bytes = this.#bytes.slice(this.#head)
      this.#gaps = this.#gaps.slice(this.#head)
      this.#linkBytes = this.#linkBytes.slice(this.#head)
      this.#head = 0
    }
  }
}

/**
 * Throughput and RTT of one peer. Throughput is a {@link WindowedRate}; the RTT is an EWMA of the
 * wire's pings and of requests sent to an idle peer (their time minus their own transfer time).
 */
export class PeerStats {
  readonly rate: WindowedRate
  readonly rtt = new Ewma(RTT_EWMA_ALPHA)
  bytesReceived = 0
  chunksReceived = 0

  constructor(windowMs = RATE_WINDOW_MS) {
    this.rate = new WindowedRate(windowMs)
  }

  /** A request is sent at `now`; `pipelineWasEmpty` when nothing else was in flight to this peer. */
  onRequest(now: number, pipelineWasEmpty: boolean): void {
    if (pipelineWasEmpty) this.rate.busy(now)
  }

  /** Records a chunk of `bytes` that was requested at `sentAt` and arrived at `now`. */
  onChunk(bytes: number, sentAt: number, now: number, pipelineWasEmpty: boolean): void {
    this.rate.add(bytes, sentAt, now, this.rttMs)
    // A request sent to an idle peer took one RTT plus its own transfer time.
    const rate = this.rate.at(now)
    if (pipelineWasEmpty && rate !== undefined && rate > 0) {
      this.rtt.update(Math.max(MIN_SAMPLE_MS, now - sentAt - bytes / rate))
    }
    this.bytesReceived += bytes
    this.chunksReceived++
  }

  /** A round-trip measured elsewhere (the wire session's ping). */
  onRtt(rttMs: number): void {
    if (Number.isFinite(rttMs) && rttMs >= 0) this.rtt.update(Math.max(MIN_SAMPLE_MS, rttMs))
  }

  /** The pipeline drained: idle time is not the peer's slowness, so the next busy period is measured afresh. */
  onIdle(now: number): void {
    this.rate.idle(now)
  }

  /** Bytes per millisecond delivered over the window ending at `now`, or undefined before the first chunk. */
  bytesPerMs(now: number): number | undefined {
    return this.rate.at(now)
  }

  /** The link's rate while our requests queued at the peer, for sizing its pipeline; falls back to the delivered rate. */
  linkBytesPerMs(now: number): number | undefined {
    return this.rate.capacity(now) ?? this.rate.at(now)
  }

  get rttMs(): number {
    return this.rtt.value ?? DEFAULT_RTT_MS
  }
}
