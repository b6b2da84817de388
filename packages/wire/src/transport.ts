/**
 * node:net adapter: `listen()` and `connect()` wrap TCP sockets in authenticated sessions.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net'
import type { PeerId, PeerIdentity } from '@netswarm/identity'
import type { Logger } from '@netswarm/runtime'
import { type Clock, systemClock } from '@netswarm/runtime/clock'
import { Connection } from './connection.ts'
import { AbortedError, ConnectionClosedError, HandshakeError } from './errors.ts'
import { MAX_HANDSHAKE_FRAME_BYTES, resolveLimits, type WireLimits } from './limits.ts'
import { SocketInput } from './socket-input.ts'
import { SWARM_KEY_BYTES, SwarmKeyError } from './swarm-key.ts'
import type { WireHandlers, WireSession } from './types.ts'

/** Options common to listening and dialing. */
export interface WireEndpointOptions {
  identity: PeerIdentity
  limits?: Partial<WireLimits>
  /** @default systemClock */
  clock?: Clock
  log?: Logger
  /**
   * Private swarm secret, 32 bytes (docs/protocol.md#private-swarms; `SwarmKey.bytes`). Peers
   * without the same secret are refused in the handshake. Absent = the public swarm.
   */
  swarmKey?: Uint8Array
}

export interface ListenOptions extends WireEndpointOptions {
  host: string
  /** 0 picks a free port (read it back from `listener.port`). */
  port: number
  handlers: WireHandlers
  /** Connections (handshaking or open) accepted at once; more are refused at accept. @default 1024 */
  maxConnections?: number
}

export interface ConnectOptions extends WireEndpointOptions {
  host: string
  port: number
  /** Refuse the listener unless it proves this peer ID. */
  expectedPeerId?: PeerId
  handlers?: WireHandlers
  signal?: AbortSignal
}

/** A listening socket accepting authenticated sessions. */
export interface WireListener {
  readonly port: number
  readonly host: string
  /** Sessions that completed the handshake and are not closed. */
  sessions(): WireSession[]
  /** Stops accepting, closes every session gracefully, resolves when all are closed. */
  close(): Promise<void>
}

function checkSwarmKey(swarmKey: Uint8Array | undefined): void {
  if (swarmKey && swarmKey.length > 0 && swarmKey.length !== SWARM_KEY_BYTES) {
    throw new SwarmKeyError(`a swarm key has ${SWARM_KEY_BYTES} bytes, got ${swarmKey.length}`)
  }
}

/** Accepts peer connections on `host:port`. Handshake failures close that socket only. */
export async function listen(options: ListenOptions): Promise<WireListener> {
  checkSwarmKey(options.swarmKey)
  const limits = resolveLimits(options.limits)
  const clock = options.clock ?? systemClock
  const connections = new Set<Connection>()
  const open = new Set<Connection>()
  const refusals = new RefusalLog(clock)
  const server: Server = createServer({ noDelay: true })
  server.maxConnections = options.maxConnections ?? 1024
  server.on('connection', (socket: Socket) => {
    const connection = new Connection(socket, 'server', {
      identity: options.identity,
      handlers: options.handlers,
      limits,
      clock,
      log: options.log,
      swarmKey: options.swarmKey,
    })
    connections.add(connection)
    void connection.closed.then(() => {
      connections.delete(connection)
      open.delete(connection)
    })
    connection.start().then(
      () => {
        if (connection.closeError) return
        open.add(connection)
        try {
          options.handlers.onSession?.(connection)
        } catch (err) {
          options.log?.warn({ err }, 'onSession handler threw')
        }
      },
      (err: Error) => {
        // A peer from another swarm is worth an operator's attention: say so plainly, once a
        // minute per host and reason, so a prober cannot flood the log.
        const address = connection.remoteAddress
        if (err instanceof HandshakeError && err.wireCode === 'SWARM_KEY_MISMATCH' && refusals.first(address, err)) {
          options.log?.warn({ address }, `refused ${address}: ${err.message}`)
        } else options.log?.debug({ err, address }, 'inbound handshake failed')
      },
    )
  })
  server.on('error', (err) => options.log?.error({ err }, 'wire listener error'))
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : options.port
  let closing: Promise<void> | undefined
  return {
    port,
    host: options.host,
    sessions: () => [...open],
    close: () => {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
        await Promise.all([...connections].map((c) => c.close('listener closing')))
        await stopped
      })()
      return closing
    },
  }
}

/** Remembers which (host, reason) refusals were logged in the last minute (bounded). */
class RefusalLog {
  static readonly INTERVAL_MS = 60_000
  static readonly MAX_ENTRIES = 1024
  private readonly logged = new Map<string, number>()
  constructor(private readonly clock: Clock) {}

  /** True when this refusal should be logged (first for its host and reason this minute). */
  first(address: string, err: Error): boolean {
    const key = `${address.replace(/:\d+$/, '')} ${err.message}`
    const now = this.clock.now()
    const last = this.logged.get(key)
    if (last !== undefined && now - last < RefusalLog.INTERVAL_MS) return false
    this.logged.delete(key)
    this.logged.set(key, now)
    if (this.logged.size > RefusalLog.MAX_ENTRIES) this.logged.delete(this.logged.keys().next().value as string)
    return true
  }
}

function formatTarget(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`
}

/** Dials a peer and completes the handshake; resolves with the open session. */
export async function connect(options: ConnectOptions): Promise<WireSession> {
  checkSwarmKey(options.swarmKey)
  const limits = resolveLimits(options.limits)
  const clock = options.clock ?? systemClock
  if (options.signal?.aborted) throw new AbortedError('connect aborted by the caller', { cause: options.signal.reason })
  // The kernel reads straight into the frame reader's buffer (docs/protocol.md#performance-notes).
  const input = new SocketInput(MAX_HANDSHAKE_FRAME_BYTES)
  const socket = createConnection({ host: options.host, port: options.port, noDelay: true, onread: input.onread })
  const connection = new Connection(
    socket,
    'client',
    {
      identity: options.identity,
      handlers: options.handlers ?? {},
      limits,
      clock,
      log: options.log,
      swarmKey: options.swarmKey,
      dialTarget: formatTarget(options.host, options.port),
      input,
    },
    options.expectedPeerId,
  )
  try {
    await connection.start(options.signal)
  } catch (err) {
    if (err instanceof ConnectionClosedError && err.cause instanceof Error && 'code' in err.cause) {
      throw new ConnectionClosedError(`cannot connect to ${options.host}:${options.port}: ${err.cause.message}`, {
        cause: err.cause,
      })
    }
    if (err instanceof HandshakeError && err.wireCode === 'SWARM_KEY_MISMATCH') {
      const target = formatTarget(options.host, options.port)
      throw new HandshakeError(`${target}: ${err.message}`, { wireCode: err.wireCode, cause: err })
    }
    throw err
  }
  try {
    options.handlers?.onSession?.(connection)
  } catch (err) {
    options.log?.warn({ err }, 'onSession handler threw')
  }
  return connection
}
