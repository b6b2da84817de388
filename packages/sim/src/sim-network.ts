import type { LatencyModel } from './latency.ts'
import type { SimClock } from './sim-clock.ts'

/** A simulated request got no answer in time (the peer is dead or partitioned away). */
export class SimTimeoutError extends Error {
  readonly code = 'DEADLINE_EXCEEDED'
  constructor(message: string) {
    super(message)
    this.name = 'SimTimeoutError'
  }
}

/** Handles a request arriving at a simulated node. */
export type SimHandler<Req, Res> = (from: number, request: Req) => Res | Promise<Res>

/** Result of a simulated request: the answer and the round-trip time it took. */
export interface SimReply<Res> {
  response: Res
  rttMs: number
}

/**
 * An in-memory request/response network on a {@link SimClock}. Nodes are numbered; a request
 * reaches its target after half the model's RTT, the answer comes back after the other half.
 * A dead node never answers, so the caller's timeout fires (failure without warning).
 */
export class SimNetwork<Req, Res> {
  private readonly handlers: (SimHandler<Req, Res> | undefined)[] = []
  private readonly alive: boolean[] = []
  /** Requests sent so far. */
  messagesSent = 0

  constructor(
    private readonly clock: SimClock,
    private readonly latency: LatencyModel,
  ) {}

  /** Adds a node and returns its number. */
  addNode(handler?: SimHandler<Req, Res>): number {
    this.handlers.push(handler)
    this.alive.push(true)
    return this.handlers.length - 1
  }

  /** Sets (or replaces) the request handler of node `i`. */
  setHandler(i: number, handler: SimHandler<Req, Res>): void {
    this.handlers[i] = handler
  }

  get size(): number {
    return this.handlers.length
  }

  /** Kills node `i` without warning: it stops answering. */
  kill(i: number): void {
    this.alive[i] = false
  }

  isAlive(i: number): boolean {
    return this.alive[i] === true
  }

  rttMs(a: number, b: number): number {
    return this.latency.rttMs(a, b)
  }

  /** Sends `request` from `from` to `to`; rejects with {@link SimTimeoutError} after `timeoutMs`. */
  request(from: number, to: number, request: Req, options: { timeoutMs: number }): Promise<SimReply<Res>> {
    this.messagesSent++
    const rtt = this.latency.rttMs(from, to)
    const start = this.clock.now()
    return new Promise((resolve, reject) => {
      let settled = false
      const timer = this.clock.setTimeout(() => {
        if (settled) return
        settled = true
        reject(new SimTimeoutError(`node ${to} did not answer within ${options.timeoutMs} ms`))
      }, options.timeoutMs)
      this.clock.setTimeout(() => {
        const handler = this.handlers[to]
        if (!this.alive[to] || !this.alive[from] || handler === undefined) return
        Promise.resolve()
          .then(() => handler(from, request))
          .then(
            (response) => {
              this.clock.setTimeout(() => {
                if (settled) return
                settled = true
                this.clock.clearTimeout(timer)
                resolve({ response, rttMs: this.clock.now() - start })
              }, rtt / 2)
            },
            (err) => {
              this.clock.setTimeout(() => {
                if (settled) return
                settled = true
                this.clock.clearTimeout(timer)
                reject(err)
              }, rtt / 2)
            },
          )
      }, rtt / 2)
    })
  }
}
