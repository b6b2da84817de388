import type { Clock, Timer } from '@netswarm/runtime'

interface Entry {
  at: number
  seq: number
  fn: () => void
  cancelled: boolean
}

/** A handle returned by {@link SimClock.setTimeout}. */
export interface SimTimer extends Timer {
  readonly at: number
}

/**
 * A simulated clock: timers sit in a min-heap ordered by (time, insertion order) and fire only
 * when the simulation is advanced. Between timers the microtask queue is drained, so promise
 * continuations scheduled by a callback run before any later timer (as on a real event loop).
 */
export class SimClock implements Clock {
  private time: number
  private seq = 0
  private readonly heap: Entry[] = []

  constructor(start = 0) {
    this.time = start
  }

  now(): number {
    return this.time
  }

  /** Number of pending (not cancelled) timers is at most this. */
  get pending(): number {
    return this.heap.length
  }

  setTimeout(fn: () => void, ms: number): SimTimer {
    const entry: Entry = { at: this.time + Math.max(0, ms), seq: this.seq++, fn, cancelled: false }
    this.push(entry)
    return entry as unknown as SimTimer
  }

  clearTimeout(timer: Timer): void {
    ;(timer as unknown as Entry).cancelled = true
  }

  /** An AbortSignal that aborts after `ms` of simulated time. */
  timeoutSignal(ms: number): AbortSignal {
    const controller = new AbortController()
    this.setTimeout(() => controller.abort(new Error('simulated timeout')), ms)
    return controller.signal
  }

  /**
   * Fires timers in order until none are left or the next is after `limit`; the clock ends at the
   * last fired timer (or `limit` when given and reached). Returns the number of timers fired.
   */
  async run(limit = Number.POSITIVE_INFINITY): Promise<number> {
    let fired = 0
    await drainMicrotasks()
    while (this.heap.length > 0) {
      const next = this.heap[0]
      if (next.at > limit) break
      this.pop()
      if (next.cancelled) continue
      this.time = Math.max(this.time, next.at)
      next.fn()
      fired++
      // Fire every timer due at the same instant before draining: cheaper, same ordering.
      if (this.heap.length === 0 || this.heap[0].at > this.time) await drainMicrotasks()
    }
    if (Number.isFinite(limit) && limit > this.time) this.time = limit
    return fired
  }

  /** Runs until no timer is left. */
  runUntilIdle(): Promise<number> {
    return this.run()
  }

  /** Advances to time `t`, firing every timer due by then. */
  advanceTo(t: number): Promise<number> {
    return this.run(t)
  }

  private less(x: Entry, y: Entry): boolean {
    return x.at < y.at || (x.at === y.at && x.seq < y.seq)
  }

  private push(entry: Entry): void {
    const h = this.heap
    h.push(entry)
    let i = h.length - 1
    while (i > 0) {
      const p = (i - 1) >> 1
      if (!this.less(h[i], h[p])) break
      ;[h[i], h[p]] = [h[p], h[i]]
      i = p
    }
  }

  private pop(): Entry | undefined {
    const h = this.heap
    const top = h[0]
    const last = h.pop()
    if (h.length > 0 && last) {
      h[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < h.length && this.less(h[l], h[m])) m = l
        if (r < h.length && this.less(h[r], h[m])) m = r
        if (m === i) break
        ;[h[i], h[m]] = [h[m], h[i]]
        i = m
      }
    }
    return top
  }
}

/** Resolves after every queued microtask (and the promise chains they start) has run. */
export function drainMicrotasks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}
