/**
 * The wire shell: carries DHT messages over authenticated encrypted wire sessions. The only
 * I/O of the DHT apart from gRPC. A contact's ID is always the one its session's key proves:
 * dialing a known contact pins `expectedPeerId`, and inbound requests are attributed to
 * `session.remotePeerId`, never to an ID claimed in a message.
 */
import { PeerId, type PeerIdentity } from '@netswarm/identity'
import type { Clock, Logger } from '@netswarm/runtime'
import { connect, HandshakeError, listen, type WireHandlers, type WireListener, type WireSession } from '@netswarm/wire'
import type { Contact } from './kademlia/contact.ts'
import { keyToHex } from './kademlia/key.ts'
import type { DhtNode } from './node.ts'
import { DhtCodecError, decodeRequest, decodeResponse, encodeRequest, encodeResponse } from './rpc/codec.ts'
import type { DhtRequest } from './rpc/messages.ts'
import type { DhtTransport, TransportReply } from './transport.ts'

/** Options of {@link WireNetwork}. */
export interface WireNetworkInit {
  identity: PeerIdentity
  clock: Clock
  log?: Logger
  /** Private swarm secret (docs/protocol.md#private-swarms); absent = the public swarm. */
  swarmKey?: Uint8Array
  /** Most outbound sessions kept open; the least recently used is closed first. @default 128 */
  maxSessions?: number
}

/** Splits `host:port` (IPv6 hosts in brackets); port 0 ("pick one") is accepted. */
export function splitHostPort(address: string): { host: string; port: number } {
  const i = address.lastIndexOf(':')
  if (i <= 0) throw new Error(`expected host:port, got ${JSON.stringify(address)}`)
  const host = address.slice(0, i).replace(/^\[(.*)\]$/, '$1')
  const port = Number(address.slice(i + 1))
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`bad port in ${JSON.stringify(address)}`)
  return { host, port }
}

/** DHT transport over @netswarm/wire sessions, plus the handler for inbound DHT requests. */
export class WireNetwork implements DhtTransport {
  private readonly sessions = new Map<string, Promise<WireSession>>()
  private readonly maxSessions: number
  private listener: WireListener | undefined
  private node: DhtNode | undefined
  private closed = false

  constructor(private readonly init: WireNetworkInit) {
    this.maxSessions = init.maxSessions ?? 128
  }

  /** The handlers both listening and dialed sessions use, so either side can ask the other. */
  private readonly handlers: WireHandlers = {
    onRequest: async (body, { session }) => this.answer(body, session),
  }

  /** Starts accepting DHT sessions; requests are answered once a node is attached. */
  async listen(host: string, port: number): Promise<{ host: string; port: number }> {
    this.listener = await listen({
      identity: this.init.identity,
      swarmKey: this.init.swarmKey,
      host,
      port,
      clock: this.init.clock,
      log: this.init.log,
      handlers: this.handlers,
    })
    return { host: this.listener.host, port: this.listener.port }
  }

  /** Attaches the node that answers requests and whose addresses we announce. */
  attach(node: DhtNode): void {
    this.node = node
  }

  private async answer(body: Uint8Array, session: WireSession): Promise<Uint8Array> {
    const node = this.node
    if (!node) return encodeResponse({ type: 'ERROR', code: 'INTERNAL', message: 'node not ready' })
    let envelope: ReturnType<typeof decodeRequest>
    try {
      envelope = decodeRequest(body)
    } catch (err) {
      // Malformed input is answered and counted, never allowed to take the process down.
      node.countMalformed()
      const message = err instanceof DhtCodecError ? err.message : 'malformed message'
      return encodeResponse({ type: 'ERROR', code: 'MALFORMED_MESSAGE', message })
    }
    const remoteHost = splitHostPort(session.remoteAddress).host
    const response = node.handleRequest(
      {
        id: session.remotePeerId.bytes,
        addresses: envelope.sender.map((a) => fillHost(a, remoteHost)),
        rttMs: session.rttMs,
      },
      envelope.request,
    )
    return encodeResponse(response)
  }

  async request(
    contact: Contact,
    request: DhtRequest,
    options: { timeoutMs: number; signal?: AbortSignal },
  ): Promise<TransportReply> {
    const session = await this.session(contact, options)
    const started = this.init.clock.now()
    const bytes = await session.request(encodeRequest({ sender: this.node?.addresses ?? [], request }), {
      timeoutMs: options.timeoutMs,
      signal: options.signal,
    })
    return { response: decodeResponse(bytes), rttMs: this.init.clock.now() - started }
  }

  async dial(
    address: string,
    options: { timeoutMs: number; signal?: AbortSignal },
  ): Promise<{ id: Uint8Array; addresses: string[]; rttMs: number }> {
    const { host, port } = splitHostPort(address)
    const signal = withTimeout(options.signal, options.timeoutMs)
    const session = await connect({
      identity: this.init.identity,
      swarmKey: this.init.swarmKey,
      host,
      port,
      clock: this.init.clock,
      log: this.init.log,
      handlers: this.handlers,
      signal,
    }).catch((err: unknown) => {
      // Bootstrap failures are otherwise quiet retries; being in another swarm is not transient.
      if (err instanceof HandshakeError && err.wireCode === 'SWARM_KEY_MISMATCH') {
        this.init.log?.warn({ address }, `cannot join the swarm: ${err.message}`)
      }
      throw err
    })
    this.remember(keyToHex(session.remotePeerId.bytes), Promise.resolve(session))
    const started = this.init.clock.now()
    const bytes = await session.request(
      encodeRequest({ sender: this.node?.addresses ?? [], request: { type: 'PING' } }),
      {
        timeoutMs: options.timeoutMs,
        signal: options.signal,
      },
    )
    decodeResponse(bytes)
    return { id: session.remotePeerId.bytes, addresses: [address], rttMs: this.init.clock.now() - started }
  }

  private session(contact: Contact, options: { timeoutMs: number; signal?: AbortSignal }): Promise<WireSession> {
    if (this.closed) return Promise.reject(new Error('network closed'))
    const hex = keyToHex(contact.id)
    const existing = this.sessions.get(hex)
    if (existing) {
      // Touch: most recently used goes last.
      this.sessions.delete(hex)
      this.sessions.set(hex, existing)
      return existing
    }
    const address = contact.addresses[0]
    if (!address) return Promise.reject(new Error('contact has no address'))
    const { host, port } = splitHostPort(address)
    const dialing = connect({
      identity: this.init.identity,
      swarmKey: this.init.swarmKey,
      host,
      port,
      // The listener must prove the key behind the ID we were told about.
      expectedPeerId: PeerId.fromBytes(contact.id),
      clock: this.init.clock,
      log: this.init.log,
      handlers: this.handlers,
      signal: withTimeout(options.signal, options.timeoutMs),
    })
    this.remember(hex, dialing)
    return dialing
  }

  private remember(hex: string, session: Promise<WireSession>): void {
    this.sessions.set(hex, session)
    session.then(
      (s) => {
        void s.closed.then(() => {
          if (this.sessions.get(hex) === session) this.sessions.delete(hex)
        })
      },
      () => {
        if (this.sessions.get(hex) === session) this.sessions.delete(hex)
      },
    )
    while (this.sessions.size > this.maxSessions) {
      const [oldHex, oldest] = this.sessions.entries().next().value as [string, Promise<WireSession>]
      this.sessions.delete(oldHex)
      oldest.then(
        (s) => s.close('session pool full'),
        () => {},
      )
    }
  }

  /** Closes the listener and every session. */
  async close(): Promise<void> {
    this.closed = true
    const all = [...this.sessions.values()]
    this.sessions.clear()
    await Promise.allSettled(all.map((p) => p.then((s) => s.close('dht stopping'))))
    await this.listener?.close()
  }
}

/** Replaces an unspecified announce host (0.0.0.0, ::) by the address the peer connected from. */
function fillHost(address: string, remoteHost: string): string {
  // A service address carries a `name=` tag before host:port (config serviceAddresses).
  const tag = /^[a-z][a-z0-9-]*=/.exec(address)?.[0] ?? ''
  try {
    const { host, port } = splitHostPort(address.slice(tag.length))
    if (host === '0.0.0.0' || host === '::' || host === '') {
      return remoteHost.includes(':') ? `${tag}[${remoteHost}]:${port}` : `${tag}${remoteHost}:${port}`
    }
    return address
  } catch {
    return address
  }
}

function withTimeout(signal: AbortSignal | undefined, ms: number): AbortSignal {
  const timeout = AbortSignal.timeout(ms)
  return signal ? AbortSignal.any([signal, timeout]) : timeout
}
