import type { PeerId, PeerIdentity } from '@netswarm/identity'
import type { Clock, Logger } from '@netswarm/runtime'
import type { WireLimits } from './limits.ts'
import type { SocketInput } from './socket-input.ts'

/** Per-call options of requests. */
export interface RequestOptions {
  signal?: AbortSignal
  /** Unary: time for the whole request. Stream: longest wait for each next item. @default limits.requestTimeoutMs */
  timeoutMs?: number
}

/** Application callbacks for one side of the wire. */
export interface WireHandlers {
  /**
   * Answer a request: one response body, or a stream of bodies (ends the stream when the iterable
   * ends). Throw a NetSwarmError (e.g. NotFoundError, WireRemoteError) to send an error response
   * with its code; other errors are sent as INTERNAL without their message. Honour
   * `ctx.signal`: it aborts when the requester cancels or the connection closes.
   */
  onRequest?(
    body: Uint8Array,
    ctx: { session: WireSession; signal: AbortSignal },
  ): Promise<Uint8Array | AsyncIterable<Uint8Array>>
  /** One-way messages. */
  onMessage?(body: Uint8Array, session: WireSession): void
  /** A session completed its handshake (both dialed and accepted ones). */
  onSession?(session: WireSession): void
}

/** An authenticated, encrypted connection to one peer. */
export interface WireSession {
  readonly remotePeerId: PeerId
  /** Raw 32-byte Ed25519 public key the peer proved it holds. */
  readonly remotePublicKey: Uint8Array
  /** `host:port` of the peer's socket (IPv6 hosts in brackets). */
  readonly remoteAddress: string
  readonly localPeerId: PeerId
  /** One request, one response body. Rejects with WireRemoteError, TimeoutError, AbortedError, ConnectionClosedError. */
  request(body: Uint8Array, options?: RequestOptions): Promise<Uint8Array>
  /** One request, a stream of response bodies. Leaving the loop early cancels the request at the peer. */
  requestStream(body: Uint8Array, options?: RequestOptions): AsyncIterable<Uint8Array>
  /**
   * One-way message; resolves when handed to the socket under its backpressure. Always await or
   * catch it: it rejects (ConnectionClosedError...) when the connection closes first.
   */
  send(body: Uint8Array): Promise<void>
  /** Graceful close: GOAWAY, let in-flight requests finish (bounded by closeTimeoutMs), then FIN. */
  close(reason?: string): Promise<void>
  /** Resolves (never rejects) once the connection is fully closed. */
  readonly closed: Promise<void>
  /** Why the connection closed, when it was not a clean close. */
  readonly closeError: Error | undefined
  /** Measured round-trip time of the last keepalive ping, ms. */
  readonly rttMs: number | undefined
}

/** Everything a connection needs besides its socket. */
export interface ConnectionOptions {
  identity: PeerIdentity
  handlers: WireHandlers
  limits: WireLimits
  clock: Clock
  log?: Logger
  /** Reserved for private swarms: a shared secret mixed into the key schedule. */
  swarmKey?: Uint8Array
  /** `host:port` dialed (client side), used as the remote address until the socket connects. */
  dialTarget?: string
  /** Input the socket was dialed with (`onread`); accepted sockets get one made for them. */
  input?: SocketInput
}
