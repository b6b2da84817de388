import type { Clock, Timer } from '@netswarm/runtime'

/** A clock whose time moves only when the test says so; timers fire in deadline order. */
export class ManualClock implements Clock {
  private time = 1_000_000
  private seq = 0
  private readonly timers = new Map<number, { at: number; fn: () => void }>()

  now(): number {
    return this.time
  }

  setTimeout(fn: () => void, ms: number): Timer {
    const id = ++this.seq
    this.timers.set(id, { at: this.time + ms, fn })
    return { id } as Timer
  }

  clearTimeout(timer: Timer): void {
    this.timers.delete((timer as { id: number }).id)
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  advance(ms: number): void {
    const end = this.time + ms
    for (;;) {
      let next: [number, { at: number; fn: () => void }] | undefined
      for (const entry of this.timers) if (entry[1].at <= end && (!next || entry[1].at < next[1].at)) next = entry
      if (!next) break
      this.timers.delete(next[0])
      this.time = next[1].at
      next[1].fn()
    }
    this.time = end
  }
}
