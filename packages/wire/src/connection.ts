/**
 * The I/O shell of one peer connection (STYLE.md 3.3): owns the node:net socket, drives the pure
 * handshake machine, seals/opens frames and multiplexes requests. Bad peer input fails THIS
 * connection only: every error in the data path ends in `fail()`, never an uncaught throw.
 */
import type { Socket } from 'node:net'
import type { PeerId } from '@netswarm/identity'
import type { Timer } from '@netswarm/runtime/clock'
import { InvalidArgumentError, isNetSwarmError } from '@netswarm/runtime/errors'
import { FrameOpener, FrameSealer } from './aead.ts'
import {
  decodeErrorBody,
  decodeMessage,
  decodeTracedRequest,
  encodeErrorBody,
  encodeFrame,
  encodeMessageHeader,
  encodeTraceContextPrefix,
  MessageType,
  type WireMessage,
  type WireTraceContext,
} from './codec.ts'
import {
  AbortedError,
  ConnectionClosedError,
  HandshakeError,
  ProtocolError,
  TimeoutError,
  toErrorCode,
  WireRemoteError,
  WriteQueueFullError,
} from './errors.ts'
import { ClientHandshake, type HandshakeCommand, type HandshakeResult, ServerHandshake } from './handshake.ts'
import { MAX_BODY_BYTES, MAX_HANDSHAKE_FRAME_BYTES } from './limits.ts'
import { type PendingRequest, RequestTable, StreamReceiver } from './requests.ts'
import { SocketInput } from './socket-input.ts'
import { type HandleOutcome, hasSampledSpan, outboundTraceContext, traceHandle, traceRequest } from './tracing.ts'
import type { ConnectionOptions, RequestOptions, WireSession } from './types.ts'

type Phase = 'handshake' | 'wait-ready' | 'open' | 'closed'
interface QueuedWrite {
  run(): void
  type: MessageType
  id: number
  bytes: number
  resolve(): void
  reject(err: Error): void
}
const EMPTY = new Uint8Array(0)

/** `host:port`, with IPv6 hosts in brackets. */
function formatAddress(host: string, port: number | undefined): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`
}
/** Yield to the event loop after this many bytes written without waiting. */
const YIELD_EVERY_BYTES = 1024 * 1024
/** Per-frame cost counted for yielding and inbound buffering, so tiny frames still add up. */
const YIELD_FRAME_COST = 64

export class Connection implements WireSession {
  /** `host:port` of the peer (the dial target until a dialed socket connects). */
  remoteAddress: string
  readonly localPeerId: PeerId
  readonly closed: Promise<void>
  closeError: Error | undefined
  rttMs: number | undefined
  private remote: HandshakeResult | undefined
  private phase: Phase = 'handshake'
  private readonly input: SocketInput
  private handshake: ClientHandshake | ServerHandshake
  private sealer: FrameSealer | undefined
  private opener: FrameOpener | undefined
  private readonly outbound = new RequestTable()
  private readonly inbound = new Map<number, AbortController>()
  private readonly writeQueue: QueuedWrite[] = []
  private queuedBytes = 0
  private readonly timers = new Set<Timer>()
  private stallTimer: Timer | undefined
  private resolveClosed!: () => void
  private readySettle: ((err?: Error) => void) | undefined
  private localGoaway = false
  private remoteGoaway = false
  private ending = false
  private inboundBuffered = 0
  private paused = false
  private lastReceivedAt: number
  private lastPingAt = 0
  private pingId = 0
  private bytesSinceYield = 0
  private readonly hardWriteLimit: number

  constructor(
    private readonly socket: Socket,
    /** Dialer or listener side of the handshake. */
    readonly role: 'client' | 'server',
    private readonly options: ConnectionOptions,
    expectedPeerId?: PeerId,
  ) {
    // A dialed socket has no remote address until it connects: start from the dial target.
    this.remoteAddress = socket.remoteAddress
      ? formatAddress(socket.remoteAddress, socket.remotePort)
      : (options.dialTarget ?? 'unknown')
    socket.once('connect', () => {
      if (socket.remoteAddress) this.remoteAddress = formatAddress(socket.remoteAddress, socket.remotePort)
    })
    this.localPeerId = options.identity.peerId
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve))
    this.lastReceivedAt = options.clock.now()
    // Control frames (PONG, ERROR, CANCEL) skip backpressure; past this a non-reading peer is cut off.
    this.hardWriteLimit = options.limits.maxWriteBufferBytes + 2 * options.limits.maxFrameBytes
    const init = { identity: options.identity, swarmKey: options.swarmKey, traceContext: true }
    this.handshake = role === 'client' ? new ClientHandshake({ ...init, expectedPeerId }) : new ServerHandshake(init)
    socket.setNoDelay(true)
    // Dialed sockets come with their input wired through `onread`; accepted ones are attached here.
    this.input = options.input ?? new SocketInput(MAX_HANDSHAKE_FRAME_BYTES)
    this.input.onFrame = (payload) => this.onFrame(payload)
    this.input.onError = (err) => this.fail(err)
    this.input.attach(socket, options.input !== undefined)
    socket.on('drain', () => this.flushWriteQueue())
    socket.on('error', (err) => this.fail(new ConnectionClosedError(`socket error: ${err.message}`, { cause: err })))
    socket.on('close', () => this.finalize())
  }

  get remotePeerId(): PeerId {
    // Sessions are handed out only after the handshake, so `remote` is always set by then.
    return this.remote!.remotePeerId
  }

  get remotePublicKey(): Uint8Array {
    return this.remote?.remotePublicKey ?? EMPTY
  }

  /** Runs the handshake; resolves once the session is usable (after the peer's READY). */
  start(signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => this.fail(new AbortedError('connect aborted by the caller', { cause: signal?.reason }))
      const timer = this.after(this.options.limits.handshakeTimeoutMs, () =>
        this.fail(
          new TimeoutError(
            `handshake with ${this.remoteAddress} did not finish in ${this.options.limits.handshakeTimeoutMs} ms`,
          ),
        ),
      )
      this.readySettle = (err) => {
        this.readySettle = undefined
        this.clearTimer(timer)
        signal?.removeEventListener('abort', onAbort)
        if (err) reject(err)
        else resolve()
      }
      if (signal?.aborted) return onAbort()
      signal?.addEventListener('abort', onAbort, { once: true })
      if (this.handshake instanceof ClientHandshake) this.runHandshake(this.handshake.start())
    })
  }

  request(body: Uint8Array, options: RequestOptions = {}): Promise<Uint8Array> {
    // Decided before our CLIENT span exists: only a caller's sampled span makes the request carry
    // context (it then names our CLIENT span as the parent); background requests stay as they were.
    const join = this.remote!.remoteTraceContext && hasSampledSpan()
    return traceRequest(this.remotePeerId.toString(), this.remoteAddress, body.byteLength, () =>
      this.requestUntraced(body, options, join),
    )
  }

  private requestUntraced(body: Uint8Array, options: RequestOptions, join: boolean): Promise<Uint8Array> {
    return new Promise<Uint8Array>((resolve, reject) => {
      const problem = this.requestProblem(body, options.signal)
      if (problem) return reject(problem)
      const signal = options.signal
      const timeoutMs = options.timeoutMs ?? this.options.limits.requestTimeoutMs
      const onAbort = () => cancel(new AbortedError('request aborted by the caller', { cause: signal?.reason }))
      const timer = this.after(timeoutMs, () =>
        cancel(new TimeoutError(`no response from ${this.remotePeerId} within ${timeoutMs} ms`)),
      )
      const settle = (err: Error | undefined, response?: Uint8Array) => {
        this.outbound.delete(id)
        this.clearTimer(timer)
        signal?.removeEventListener('abort', onAbort)
        if (err) reject(err)
        else resolve(response ?? EMPTY)
        this.maybeEnd()
      }
      const cancel = (err: Error) => {
        if (this.outbound.get(id) !== entry) return
        // Still waiting for the socket: drop it, the peer never needs to hear of it.
        if (!this.dropQueuedRequest(id)) this.writeControl(MessageType.CANCEL, id)
        settle(err)
      }
      const entry: PendingRequest = { kind: 'unary', settle }
      const id = this.outbound.add(entry)
      signal?.addEventListener('abort', onAbort, { once: true })
      this.writeRequest(id, body, join).catch((err: Error) => {
        if (this.outbound.get(id) === entry) settle(err)
      })
    })
  }

  async *requestStream(body: Uint8Array, options: RequestOptions = {}): AsyncGenerator<Uint8Array> {
    const problem = this.requestProblem(body, options.signal)
    if (problem) throw problem
    const rx = new StreamReceiver(this.options.clock, {
      add: (n) => this.bufferInbound(n + YIELD_FRAME_COST),
      remove: (n) => this.bufferInbound(-(n + YIELD_FRAME_COST)),
    })
    const id = this.outbound.add(rx)
    const join = this.remote!.remoteTraceContext && hasSampledSpan()
    const timeoutMs = options.timeoutMs ?? this.options.limits.requestTimeoutMs
    try {
      await this.writeRequest(id, body, join)
      for (;;) {
        const item = await rx.next(timeoutMs, options.signal)
        if (item === undefined) return
        yield item
      }
    } finally {
      this.outbound.delete(id)
      rx.dispose()
      // Early exit, timeout or abort: tell the peer to stop producing.
      if (!rx.finished && !this.dropQueuedRequest(id)) this.writeControl(MessageType.CANCEL, id)
      this.maybeEnd()
    }
  }

  send(body: Uint8Array): Promise<void> {
    const problem = this.requestProblem(body, undefined)
    if (problem) return Promise.reject(problem)
    return this.writeData(MessageType.MESSAGE, 0, body)
  }

  close(reason = 'closing'): Promise<void> {
    if (this.phase === 'closed' || this.localGoaway) return this.closed
    this.localGoaway = true
    if (this.phase !== 'open') {
      this.socket.destroy()
      return this.closed
    }
    this.writeControl(MessageType.GOAWAY, 0, Buffer.from(reason, 'utf8').subarray(0, 256))
    this.after(this.options.limits.closeTimeoutMs, () => this.socket.destroy())
    this.maybeEnd()
    return this.closed
  }

  /** Closes the connection because of `err` (bad peer input, timeout...). */
  fail(err: Error): void {
    if (this.phase === 'closed') return
    this.closeError ??= err
    this.options.log?.debug(
      { err, peer: this.remote?.remotePeerId.toString(), address: this.remoteAddress },
      'wire connection failed',
    )
    if (err instanceof HandshakeError && err.reply && this.phase === 'handshake') this.endWith(err.reply)
    else this.socket.destroy()
    this.finalize()
  }

  /** Sends a last handshake message (a REFUSE) and half-closes, so the peer learns why. */
  private endWith(payload: Buffer): void {
    this.socket.end(encodeFrame(payload))
    const timer = this.options.clock.setTimeout(() => this.socket.destroy(), this.options.limits.closeTimeoutMs)
    timer.unref?.()
  }

  // ---- inbound path -------------------------------------------------------------------------

  private onFrame(payload: Uint8Array): void {
    if (this.phase === 'closed') return
    this.lastReceivedAt = this.options.clock.now()
    if (this.phase === 'handshake') {
      this.runHandshake(this.handshake.advance(payload))
      return
    }
    const message = decodeMessage(this.opener!.open(payload))
    if (this.phase === 'wait-ready') {
      if (message.type !== MessageType.READY)
        throw new ProtocolError(`expected READY, got message type ${message.type}`)
      this.becomeOpen()
      return
    }
    this.dispatch(message)
  }

  private runHandshake(commands: HandshakeCommand[]): void {
    for (const command of commands) {
      if (command.type === 'send') {
        this.socket.write(encodeFrame(command.payload))
        continue
      }
      this.remote = command.result
      this.sealer = new FrameSealer(command.result.sendKey)
      this.opener = new FrameOpener(command.result.receiveKey)
      this.input.reader.maxFrameBytes = this.options.limits.maxFrameBytes
      // Both sides send READY and open only on the peer's READY: key confirmation in both
      // directions, so neither side reports a session the other could not decrypt.
      this.writeControl(MessageType.READY, 0)
      this.phase = 'wait-ready'
    }
  }

  private becomeOpen(): void {
    this.phase = 'open'
    this.scheduleKeepalive()
    this.readySettle?.()
  }

  private dispatch(message: WireMessage): void {
    const { type, id, body } = message
    switch (type) {
      case MessageType.REQUEST:
        this.onRequest(id, body, undefined)
        return
      case MessageType.REQUEST_TRACED: {
        const traced = decodeTracedRequest(body)
        this.onRequest(id, traced.body, traced.traceContext)
        return
      }
      case MessageType.RESPONSE:
      case MessageType.STREAM_ITEM:
      case MessageType.STREAM_END:
      case MessageType.ERROR:
        this.onReply(type, id, body)
        return
      case MessageType.CANCEL:
        this.inbound.get(id)?.abort(new AbortedError('request cancelled by the peer'))
        return
      case MessageType.MESSAGE:
        try {
          this.options.handlers.onMessage?.(body, this)
        } catch (err) {
          this.options.log?.warn({ err }, 'onMessage handler threw')
        }
        return
      case MessageType.PING:
        this.writeControl(MessageType.PONG, id, body)
        return
      case MessageType.PONG:
        if (id === this.pingId) this.rttMs = this.options.clock.now() - this.lastPingAt
        return
      case MessageType.GOAWAY:
        this.remoteGoaway = true
        this.maybeEnd()
        return
      default:
        throw new ProtocolError(`message type ${type} is not allowed after the handshake`)
    }
  }

  private onReply(type: MessageType, id: number, body: Uint8Array): void {
    // Unknown ids are normal: a reply racing our CANCEL or timeout.
    const pending = this.outbound.get(id)
    if (!pending) return
    if (type === MessageType.ERROR) {
      const { code, message } = decodeErrorBody(body)
      const err = new WireRemoteError(toErrorCode(code), message)
      if (pending.kind === 'unary') pending.settle(err)
      else pending.fail(err)
      return
    }
    if (pending.kind === 'unary') {
      if (type !== MessageType.RESPONSE) throw new ProtocolError(`stream reply to unary request ${id}`)
      pending.settle(undefined, body)
      return
    }
    if (type === MessageType.STREAM_ITEM) pending.push(body)
    else if (type === MessageType.STREAM_END) pending.end()
    else throw new ProtocolError(`unary reply to stream request ${id}`)
  }

  private onRequest(id: number, body: Uint8Array, traceContext: WireTraceContext | undefined): void {
    if (this.inbound.has(id)) throw new ProtocolError(`request id ${id} reused while in flight`)
    const handler = this.options.handlers.onRequest
    const refuse = (code: string, text: string) => this.writeControl(MessageType.ERROR, id, encodeErrorBody(code, text))
    if (this.localGoaway) {
      refuse('UNAVAILABLE', 'peer is closing this connection')
      return
    }
    if (!handler) {
      refuse('FAILED_PRECONDITION', 'peer serves no requests on this connection')
      return
    }
    if (this.inbound.size >= this.options.limits.maxConcurrentInbound) {
      refuse('RESOURCE_EXHAUSTED', `more than ${this.options.limits.maxConcurrentInbound} requests in flight`)
      return
    }
    // Answers already wait for the socket: a peer that asks but does not read gets no more work.
    if (this.queuedBytes >= this.options.limits.maxWriteBufferBytes) {
      refuse('RESOURCE_EXHAUSTED', 'responses are backed up because this peer is not reading them')
      return
    }
    const controller = new AbortController()
    this.inbound.set(id, controller)
    if (traceContext === undefined) {
      void this.serve(id, body, controller.signal, handler, undefined)
      return
    }
    void traceHandle(traceContext, this.remotePeerId.toString(), this.remoteAddress, body.length, (outcome) =>
      this.serve(id, body, controller.signal, handler, outcome),
    )
  }

  /**
   * Runs the handler, sends its answer or error, then retires the request. `outcome` (traced
   * requests only, so the untraced path allocates no more than it always did) collects what the
   * SERVER span reports.
   */
  private async serve(
    id: number,
    body: Uint8Array,
    signal: AbortSignal,
    handler: NonNullable<ConnectionOptions['handlers']['onRequest']>,
    outcome: HandleOutcome | undefined,
  ): Promise<void> {
    try {
      const result = await handler(body, { session: this, signal })
      if (result instanceof Uint8Array) {
        if (signal.aborted) return
        await this.writeData(MessageType.RESPONSE, id, result)
        if (outcome) outcome.responseBytes = result.length
        return
      }
      for await (const item of result) {
        if (signal.aborted) break
        await this.writeData(MessageType.STREAM_ITEM, id, item)
        if (outcome) outcome.responseBytes += item.length
      }
      if (!signal.aborted) await this.writeData(MessageType.STREAM_END, id, EMPTY)
    } catch (err) {
      if (outcome) outcome.error = err
      if (signal.aborted || this.phase === 'closed') return
      const known = isNetSwarmError(err)
      if (!known) this.options.log?.warn({ err }, 'request handler failed')
      this.writeControl(
        MessageType.ERROR,
        id,
        encodeErrorBody(known ? err.code : 'INTERNAL', known ? err.message : 'internal error'),
      )
    } finally {
      this.inbound.delete(id)
      this.maybeEnd()
    }
  }

  // ---- outbound path ------------------------------------------------------------------------

  private requestProblem(body: Uint8Array, signal: AbortSignal | undefined): Error | undefined {
    if (this.phase !== 'open' || this.localGoaway || this.remoteGoaway) {
      return new ConnectionClosedError(`connection to ${this.remoteAddress} is closed or closing; reconnect`, {
        cause: this.closeError,
      })
    }
    if (body.length > MAX_BODY_BYTES) {
      return new InvalidArgumentError(`body of ${body.length} bytes exceeds MAX_BODY_BYTES (${MAX_BODY_BYTES})`)
    }
    if (signal?.aborted) return new AbortedError('request aborted by the caller', { cause: signal.reason })
    return undefined
  }

  /**
   * Sends REQUEST `id`. Only with `join` (the caller had a sampled span and the peer advertised
   * FLAG_TRACE_CONTEXT) does it become REQUEST_TRACED; otherwise the bytes are exactly a REQUEST's.
   */
  private writeRequest(id: number, body: Uint8Array, join: boolean): Promise<void> {
    const traceContext = join ? outboundTraceContext() : undefined
    if (traceContext === undefined) return this.writeData(MessageType.REQUEST, id, body)
    let prefix: Buffer
    try {
      prefix = encodeTraceContextPrefix(traceContext)
    } catch {
      // A propagator that produced an oversized traceparent: send the request untraced.
      return this.writeData(MessageType.REQUEST, id, body)
    }
    // The context never makes a request too large to send: near the limit it is left out.
    if (prefix.length + body.length > MAX_BODY_BYTES) return this.writeData(MessageType.REQUEST, id, body)
    return this.writeData(MessageType.REQUEST_TRACED, id, Buffer.concat([prefix, body]))
  }

  /** Seals and writes one message synchronously (no backpressure check). */
  private writeNow(type: MessageType, id: number, body: Uint8Array): void {
    const header = encodeMessageHeader(type, id)
    const buffers = this.sealer!.seal(body.length > 0 ? [header, body] : [header])
    this.socket.cork()
    for (const b of buffers) this.socket.write(b)
    this.socket.uncork()
  }

  /** Small control messages: written at once, but a peer that lets them pile up is cut off. */
  private writeControl(type: MessageType, id: number, body: Uint8Array = EMPTY): void {
    // After our FIN (graceful close) nothing more may be written; a late control reply is dropped.
    if (this.phase === 'closed' || !this.sealer || this.socket.destroyed || this.socket.writableEnded) return
    if (this.socket.writableLength > this.hardWriteLimit) {
      this.fail(new WriteQueueFullError(`peer ${this.remoteAddress} is not reading; write buffer over limit`))
      return
    }
    this.writeNow(type, id, body)
  }

  /** Data messages wait their turn while the socket holds more than maxWriteBufferBytes. */
  private writeData(type: MessageType, id: number, body: Uint8Array): Promise<void> {
    if (this.phase === 'closed' || this.socket.writableEnded) {
      return Promise.reject(new ConnectionClosedError('connection closed', { cause: this.closeError }))
    }
    if (this.writeQueue.length === 0 && this.socket.writableLength < this.options.limits.maxWriteBufferBytes) {
      this.writeNow(type, id, body)
      // A producer whose writes all succeed at once would otherwise loop on microtasks and
      // starve the event loop (no reads, no CANCEL, no timers): yield a turn every so often.
      this.bytesSinceYield += body.length + YIELD_FRAME_COST
      if (this.bytesSinceYield < YIELD_EVERY_BYTES) return Promise.resolve()
      this.bytesSinceYield = 0
      return new Promise((resolve) => setImmediate(resolve))
    }
    return new Promise<void>((resolve, reject) => {
      this.queuedBytes += body.length
      this.writeQueue.push({ run: () => this.writeNow(type, id, body), type, id, bytes: body.length, resolve, reject })
      if (!this.stallTimer) this.armStallTimer()
    })
  }

  /** Removes our REQUEST `id` from the write queue if it is still there (settling its write). */
  private dropQueuedRequest(id: number): boolean {
    const i = this.writeQueue.findIndex(
      (w) => (w.type === MessageType.REQUEST || w.type === MessageType.REQUEST_TRACED) && w.id === id,
    )
    if (i < 0) return false
    const [dropped] = this.writeQueue.splice(i, 1)
    this.queuedBytes -= dropped.bytes
    dropped.reject(new AbortedError('request dropped before it was sent'))
    if (this.writeQueue.length === 0 && this.stallTimer) {
      this.clearTimer(this.stallTimer)
      this.stallTimer = undefined
    }
    return true
  }

  private flushWriteQueue(): void {
    if (this.stallTimer) this.clearTimer(this.stallTimer)
    this.stallTimer = undefined
    while (this.writeQueue.length > 0 && this.phase !== 'closed') {
      if (this.socket.writableLength >= this.options.limits.maxWriteBufferBytes) break
      const next = this.writeQueue.shift()!
      this.queuedBytes -= next.bytes
      next.run()
      next.resolve()
    }
    if (this.writeQueue.length > 0) this.armStallTimer()
    else this.maybeEnd()
  }

  private armStallTimer(): void {
    const ms = this.options.limits.writeStallTimeoutMs
    this.stallTimer = this.after(ms, () =>
      this.fail(new WriteQueueFullError(`peer ${this.remoteAddress} read nothing for ${ms} ms; write queue full`)),
    )
  }

  // ---- flow control, keepalive, close ---------------------------------------------------------

  private bufferInbound(delta: number): void {
    this.inboundBuffered += delta
    const max = this.options.limits.maxInboundBufferBytes
    if (!this.paused && this.inboundBuffered > max) {
      this.paused = true
      this.socket.pause()
    } else if (this.paused && this.inboundBuffered <= max / 2) {
      this.paused = false
      this.lastReceivedAt = this.options.clock.now()
      this.socket.resume()
    }
  }

  private scheduleKeepalive(): void {
    const { keepaliveIntervalMs, idleTimeoutMs } = this.options.limits
    const tick = Math.max(1, Math.min(keepaliveIntervalMs, Math.floor(idleTimeoutMs / 3)))
    this.after(tick, () => {
      if (this.phase !== 'open') return
      const now = this.options.clock.now()
      // While we hold the socket paused, silence is our doing, not the peer's.
      if (!this.paused && now - this.lastReceivedAt >= idleTimeoutMs) {
        return this.fail(new TimeoutError(`peer ${this.remoteAddress} silent for ${idleTimeoutMs} ms`))
      }
      if (now - this.lastPingAt >= keepaliveIntervalMs) {
        this.pingId = (this.pingId + 1) >>> 0 || 1
        this.lastPingAt = now
        this.writeControl(MessageType.PING, this.pingId)
      }
      this.scheduleKeepalive()
    })
  }

  /** After a GOAWAY in either direction, half-close once nothing is in flight. */
  private maybeEnd(): void {
    if (this.ending || this.phase !== 'open' || !(this.localGoaway || this.remoteGoaway)) return
    if (this.outbound.size > 0 || this.inbound.size > 0 || this.writeQueue.length > 0) return
    this.ending = true
    this.socket.end()
    this.after(this.options.limits.closeTimeoutMs, () => this.socket.destroy())
  }

  private finalize(): void {
    if (this.phase === 'closed') return
    const wasHandshaking = this.phase !== 'open'
    this.phase = 'closed'
    for (const timer of this.timers) this.options.clock.clearTimeout(timer)
    this.timers.clear()
    const cause = this.closeError
    const closedError = () =>
      new ConnectionClosedError(`connection to ${this.remoteAddress} closed${cause ? `: ${cause.message}` : ''}`, {
        cause,
      })
    for (const pending of this.outbound.drain()) {
      if (pending.kind === 'unary') pending.settle(closedError())
      else pending.fail(closedError(), false)
    }
    for (const controller of this.inbound.values()) controller.abort(closedError())
    for (const queued of this.writeQueue.splice(0)) queued.reject(closedError())
    if (this.readySettle) {
      const err = cause ?? new HandshakeError(`${this.remoteAddress} closed the connection during the handshake`)
      this.readySettle(wasHandshaking ? err : undefined)
    }
    this.resolveClosed()
  }

  private after(ms: number, fn: () => void): Timer {
    const timer = this.options.clock.setTimeout(() => {
      this.timers.delete(timer)
      fn()
    }, ms)
    timer.unref?.()
    this.timers.add(timer)
    return timer
  }

  private clearTimer(timer: Timer): void {
    this.timers.delete(timer)
    this.options.clock.clearTimeout(timer)
  }
}
