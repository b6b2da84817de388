/**
 * Request bookkeeping for one connection, independent of sockets: id allocation, pending
 * unary requests, and receive queues for response streams. Timers come from the injected Clock.
 */
import type { Clock, Timer } from '@netswarm/runtime/clock'
import { AbortedError, TimeoutError } from './errors.ts'

/** A unary request waiting for RESPONSE or ERROR. */
export interface PendingUnary {
  kind: 'unary'
  settle(err: Error | undefined, body?: Uint8Array): void
}

/** Accounting hooks so the connection can pause the socket while consumers lag. */
export interface BufferAccounting {
  add(bytes: number): void
  remove(bytes: number): void
}

/**
 * Receive side of a response stream. Items queue until the consumer pulls them; the queued
 * bytes are reported to the connection, which stops reading the socket above its limit.
 */
export class StreamReceiver {
  readonly kind = 'stream'
  /** True once STREAM_END or ERROR arrived (no CANCEL needed). */
  finished = false
  private readonly queue: Uint8Array[] = []
  private error: Error | undefined
  private wake: (() => void) | undefined

  constructor(
    private readonly clock: Clock,
    private readonly accounting: BufferAccounting,
  ) {}

  push(item: Uint8Array): void {
    this.queue.push(item)
    this.accounting.add(item.length)
    this.wake?.()
  }

  end(): void {
    this.finished = true
    this.wake?.()
  }

  fail(err: Error, finished = true): void {
    if (this.error) return
    this.error = err
    this.finished ||= finished
    this.wake?.()
  }

  /** Next item, `undefined` at the end of the stream; rejects on error, timeout or abort. */
  async next(timeoutMs: number, signal: AbortSignal | undefined): Promise<Uint8Array | undefined> {
    for (;;) {
      const item = this.queue.shift()
      if (item) {
        this.accounting.remove(item.length)
        return item
      }
      if (this.error) throw this.error
      if (this.finished) return undefined
      await this.waitForChange(timeoutMs, signal)
    }
  }

  private waitForChange(timeoutMs: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let timer: Timer | undefined
      const onAbort = () => done(new AbortedError('stream request aborted by the caller', { cause: signal?.reason }))
      const done = (err?: Error) => {
        this.wake = undefined
        if (timer) this.clock.clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
        if (err) reject(err)
        else resolve()
      }
      if (signal?.aborted) return onAbort()
      signal?.addEventListener('abort', onAbort, { once: true })
      timer = this.clock.setTimeout(
        () => done(new TimeoutError(`no stream item within ${timeoutMs} ms; raise timeoutMs or check the peer`)),
        timeoutMs,
      )
      this.wake = () => done()
    })
  }

  /** Drops queued items and releases their accounting. */
  dispose(): void {
    for (const item of this.queue) this.accounting.remove(item.length)
    this.queue.length = 0
  }
}

export type PendingRequest = PendingUnary | StreamReceiver

/** Outbound requests of one connection, keyed by our request id. */
export class RequestTable {
  private readonly pending = new Map<number, PendingRequest>()
  private nextId = 1

  /** Registers a request and returns its id (32-bit, wraps, skips 0 and ids still in use). */
  add(entry: PendingRequest): number {
    let id = this.nextId
    while (id === 0 || this.pending.has(id)) id = (id + 1) >>> 0
    this.nextId = (id + 1) >>> 0
    this.pending.set(id, entry)
    return id
  }

  get(id: number): PendingRequest | undefined {
    return this.pending.get(id)
  }

  delete(id: number): void {
    this.pending.delete(id)
  }

  get size(): number {
    return this.pending.size
  }

  /** Removes and returns every pending request (connection closing). */
  drain(): PendingRequest[] {
    const all = [...this.pending.values()]
    this.pending.clear()
    return all
  }
}
