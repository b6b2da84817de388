import { PeerId, type PeerIdentity } from '@netswarm/identity'
import type { Clock, Logger } from '@netswarm/runtime'
import { connect, listen, type WireLimits, type WireListener, type WireSession } from '@netswarm/wire'
import type { PeerLedger } from './peer-ledger.ts'
import type { ProviderInfo } from './ports.ts'
import type { ExchangeServer } from './protocol/handlers.ts'

/**
 * The transfer service's wire endpoint: one listener for inbound sessions and one session per
 * remote peer, shared by every download and by the serving side (a peer that dialed us is asked
 * for chunks over the same session). The only module here that owns sockets.
 */
export interface PeerPoolInit {
  host: string
  port: number
  limits?: Partial<WireLimits>
  /** Private swarm secret (docs/protocol.md#private-swarms); absent = the public swarm. */
  swarmKey?: Uint8Array
  /** Time allowed to dial and handshake one address. @default 5000 */
  dialTimeoutMs?: number
}

export interface PeerPoolComponents {
  identity: PeerIdentity
  server: ExchangeServer
  ledger: PeerLedger
  clock: Clock
  log: Logger
}

export class PeerPool {
  readonly #c: PeerPoolComponents
  readonly #init: PeerPoolInit
  #listener: WireListener | undefined
  readonly #sessions = new Map<string, WireSession>()
  readonly #dialing = new Map<string, Promise<WireSession>>()
  /** Peer IDs learned by dialing addresses given without an ID (static peers). */
  readonly #idByAddress = new Map<string, string>()
  readonly #closeListeners = new Set<(peerId: string, session: WireSession) => void>()

  constructor(components: PeerPoolComponents, init: PeerPoolInit) {
    this.#c = components
    this.#init = init
  }

  get peerId(): string {
    return this.#c.identity.peerId.toString()
  }

  /** `host:port` of the listener (after start). */
  get address(): string {
    if (!this.#listener) throw new Error('peer pool not started')
    return `${this.#listener.host}:${this.#listener.port}`
  }

  get port(): number {
    return this.#listener?.port ?? 0
  }

  async start(): Promise<void> {
    this.#listener = await listen({
      identity: this.#c.identity,
      host: this.#init.host,
      port: this.#init.port,
      limits: this.#init.limits,
      swarmKey: this.#init.swarmKey,
      clock: this.#c.clock,
      log: this.#c.log,
      handlers: this.#handlers(),
    })
  }

  async stop(): Promise<void> {
    await Promise.all([...this.#sessions.values()].map((s) => s.close('transfer service stopping')))
    await this.#listener?.close()
  }

  /** Called whenever a session to a peer closes. */
  onClose(fn: (peerId: string, session: WireSession) => void): () => void {
    this.#closeListeners.add(fn)
    return () => this.#closeListeners.delete(fn)
  }

  /**
   * Forgets a session that turned out to be closing (a request failed with CONNECTION_CLOSED
   * before its close event), so the next `connect` dials afresh.
   */
  evict(peerId: string, session: WireSession): void {
    if (this.#sessions.get(peerId) === session) this.#sessions.delete(peerId)
  }

  /** The open session to `peerId`, if any. */
  session(peerId: string): WireSession | undefined {
    return this.#sessions.get(peerId)
  }

  /**
   * An open session to the provider: an existing one (dialed or accepted), or a new one dialed on
   * its addresses in turn. Concurrent calls for one peer share the dial.
   */
  async connect(provider: ProviderInfo, options: { signal?: AbortSignal } = {}): Promise<WireSession> {
    const peerId = provider.peerId || this.#idByAddress.get(provider.addresses[0] ?? '') || ''
    const existing = this.#sessions.get(peerId)
    if (existing) return existing
    const key = provider.peerId || provider.addresses.join(',')
    const pending = this.#dialing.get(key)
    if (pending) return pending
    const dial = this.#dial(provider, options.signal).finally(() => this.#dialing.delete(key))
    this.#dialing.set(key, dial)
    return dial
  }

  async #dial(provider: ProviderInfo, signal: AbortSignal | undefined): Promise<WireSession> {
    let expectedPeerId: PeerId | undefined
    if (provider.peerId) {
      try {
        expectedPeerId = PeerId.parse(provider.peerId)
      } catch {
        expectedPeerId = undefined
      }
    }
    let lastError: unknown = new Error(`${provider.peerId || 'peer'} has no addresses`)
    for (const address of provider.addresses) {
      const at = address.lastIndexOf(':')
      const host = address.slice(0, at).replace(/^\[|\]$/g, '')
      const port = Number(address.slice(at + 1))
      if (!host || !Number.isInteger(port)) continue
      const timeout = AbortSignal.timeout(this.#init.dialTimeoutMs ?? 5000)
      try {
        const session = await connect({
          identity: this.#c.identity,
          host,
          port,
          expectedPeerId,
          limits: this.#init.limits,
          swarmKey: this.#init.swarmKey,
          clock: this.#c.clock,
          log: this.#c.log,
          handlers: this.#handlers(),
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        })
        this.#idByAddress.set(address, String(session.remotePeerId))
        // onSession registered it; a concurrent inbound session may have won: use whichever is kept.
        return this.#sessions.get(String(session.remotePeerId)) ?? session
      } catch (err) {
        lastError = err
        if (signal?.aborted) break
      }
    }
    throw lastError
  }

  #handlers() {
    const server = this.#c.server
    return {
      onRequest: (body: Uint8Array, ctx: { session: WireSession; signal: AbortSignal }) =>
        server.handleRequest(body, ctx),
      onMessage: (body: Uint8Array, session: WireSession) => server.handleMessage(body, session),
      onSession: (session: WireSession) => this.#register(session),
    }
  }

  #register(session: WireSession): void {
    const peerId = String(session.remotePeerId)
    // Keep the first session to a peer; a second one (simultaneous dials) still serves its requests.
    if (!this.#sessions.has(peerId)) this.#sessions.set(peerId, session)
    this.#c.ledger.connected(peerId, session.remoteAddress, true)
    void session.closed.then(() => {
      if (this.#sessions.get(peerId) === session) {
        this.#sessions.delete(peerId)
        this.#c.ledger.connected(peerId, '', false)
      }
      for (const fn of this.#closeListeners) fn(peerId, session)
    })
  }
}
