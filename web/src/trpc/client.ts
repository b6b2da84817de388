import type { AppRouter } from '@netswarm/gateway'
import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink, type TRPCClient } from '@trpc/client'

/** The typed tRPC client of one peer's gateway. */
export type GatewayClient = TRPCClient<AppRouter>

const clients = new Map<number, GatewayClient>()

/** Base path of peer `peer`'s gateway behind the console's own server (see src/server/proxy.ts). */
export function gatewayPath(peer: number): string {
  return `/gw/${peer}`
}

/**
 * The client of peer `peer`. Queries and mutations are plain HTTP; subscriptions are SSE
 * (the browser's EventSource), all through the console server, which adds the token cookie.
 */
export function gatewayClient(peer: number): GatewayClient {
  let client = clients.get(peer)
  if (!client) {
    const url = `${gatewayPath(peer)}/trpc`
    client = createTRPCClient<AppRouter>({
      links: [
        splitLink({
          condition: (op) => op.type === 'subscription',
          true: httpSubscriptionLink({ url }),
          false: httpLink({ url }),
        }),
      ],
    })
    clients.set(peer, client)
  }
  return client
}
