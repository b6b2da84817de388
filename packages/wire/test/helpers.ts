import { generateIdentity, type PeerIdentity } from '@netswarm/identity'
import {
  connect,
  listen,
  type WireHandlers,
  type WireLimits,
  type WireListener,
  type WireSession,
} from '../src/index.ts'

export interface Pair {
  listener: WireListener
  client: WireSession
  server: WireSession
  serverIdentity: PeerIdentity
  clientIdentity: PeerIdentity
}

/** A listener on 127.0.0.1 plus one connected client; torn down after the test. */
export async function pair(
  t: { after(fn: () => Promise<void>): void },
  serverHandlers: WireHandlers = {},
  options: { limits?: Partial<WireLimits>; clientHandlers?: WireHandlers; clientLimits?: Partial<WireLimits> } = {},
): Promise<Pair> {
  const serverIdentity = generateIdentity()
  const clientIdentity = generateIdentity()
  let resolveServer!: (s: WireSession) => void
  const serverSession = new Promise<WireSession>((resolve) => (resolveServer = resolve))
  const listener = await listen({
    identity: serverIdentity,
    host: '127.0.0.1',
    port: 0,
    limits: options.limits,
    handlers: {
      ...serverHandlers,
      onSession: (s) => {
        serverHandlers.onSession?.(s)
        resolveServer(s)
      },
    },
  })
  const client = await connect({
    identity: clientIdentity,
    host: '127.0.0.1',
    port: listener.port,
    expectedPeerId: serverIdentity.peerId,
    handlers: options.clientHandlers,
    limits: options.clientLimits ?? options.limits,
  })
  t.after(async () => {
    await client.close()
    await listener.close()
  })
  return { listener, client, server: await serverSession, serverIdentity, clientIdentity }
}

export const enc = (s: string): Uint8Array => new TextEncoder().encode(s)
export const dec = (b: Uint8Array): string => new TextDecoder().decode(b)
