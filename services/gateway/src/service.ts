import type { Server } from 'node:http'
import { createDhtClient } from '@netswarm/dht'
import type { Logger, Startable } from '@netswarm/runtime'
import { createExpressMiddleware } from '@trpc/server/adapters/express'
import type { GatewayBackend } from './backend.ts'
import { createGrpcBackend } from './clients/backend.ts'
import { type GatewayConfig, publicBaseUrl } from './config.ts'
import { createHttpApp, listen } from './http/server.ts'
import { createGatewayMetrics, type GatewayMetrics } from './metrics.ts'
import type { BackupStore } from './names/backup-store.ts'
import { createNameService } from './names/create.ts'
import type { NameService } from './names/name-service.ts'
import { createPrivateFiles, type ShareIdentity, type ShareInbox } from './private/private-files.ts'
import { createContextFactory } from './trpc/init.ts'
import { appRouter } from './trpc/router.ts'

/**
 * How often live tRPC views re-read the backends (loopback gRPC; a snapshot is pushed only when
 * something changed). Short enough that a transfer lasting half a second still shows as running.
 */
const POLL_INTERVAL_MS = 250

export interface GatewayComponents {
  log: Logger
  /** Defaults to the peer's services over gRPC at the configured addresses. */
  backend?: GatewayBackend
  /** Defaults to names over the DHT at the configured address, keys in `dataDir/names`. */
  names?: { service: NameService | undefined; backup?: BackupStore; close(): void }
  /** The peer's identity, to open shares addressed to it (docs/crypto.md); without it, sharing to this peer is unavailable. */
  identity?: ShareIdentity
  /** Share inboxes; defaults to the DHT service at the configured address. */
  inbox?: ShareInbox
}

export interface GatewayService extends Startable {
  /** host:port the HTTP server is bound to (after start). */
  readonly address: string
  /** Base URL of share links, e.g. http://127.0.0.1:8080. */
  readonly url: string
  readonly metrics: GatewayMetrics
}

/**
 * The gateway: REST `/api/v1`, share links `/f/<cid>`, tRPC `/trpc` (queries, mutations and SSE
 * subscriptions), `/healthz` `/readyz` `/metrics`. Used by main.ts, `netswarm node` and tests.
 */
export function createGatewayService(components: GatewayComponents, config: GatewayConfig): GatewayService {
  const log = components.log.child({ component: 'gateway' })
  const backend = components.backend ?? createGrpcBackend(config)
  const metrics = createGatewayMetrics()
  const inbox = components.inbox ?? createDhtClient(config.dhtGrpc)
  const privateFiles = createPrivateFiles({
    backend,
    inbox,
    identity: components.identity,
    lookupTimeoutMs: config.lookupTimeoutMs,
    log,
  })
  let server: Server | undefined
  let address = ''
  const baseUrl = () => publicBaseUrl(config, address || config.listen)
  const names = components.names ?? createNameService(config, backend)
  const app = createHttpApp({
    backend,
    metrics,
    log,
    token: config.token,
    corsOrigins: config.corsOrigins,
    maxUploadBytes: config.maxUploadBytes,
    lookupTimeoutMs: config.lookupTimeoutMs,
    baseUrl,
    names: names.service,
    privateFiles,
    backup: names.backup,
    mount: (express) => {
      express.use(
        '/trpc',
        createExpressMiddleware({
          router: appRouter,
          createContext: createContextFactory({
            backend,
            baseUrl,
            lookupTimeoutMs: config.lookupTimeoutMs,
            pollIntervalMs: POLL_INTERVAL_MS,
            token: config.token,
            names: names.service,
            privateFiles,
          }),
          onError: ({ error, path }) => {
            if (error.code === 'INTERNAL_SERVER_ERROR') log.error({ err: error, path }, 'tRPC call failed')
          },
        }),
      )
    },
  })

  return {
    get address() {
      return address
    },
    get url() {
      return baseUrl()
    },
    metrics,
    async start() {
      const bound = await listen(app, config.listen)
      server = bound.server
      address = bound.address
      log.info({ url: baseUrl(), auth: config.token !== undefined }, 'gateway listening')
    },
    async stop() {
      const s = server
      server = undefined
      if (s) {
        // Streams (downloads, SSE) would keep close() waiting forever: end them.
        const closed = new Promise<void>((resolve) => s.close(() => resolve()))
        s.closeAllConnections()
        await closed
      }
      backend.close()
      names.close()
      inbox.close()
    },
  }
}
