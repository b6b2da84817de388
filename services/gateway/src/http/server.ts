import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Logger } from '@netswarm/runtime'
import { NotFoundError } from '@netswarm/runtime'
import express, { type Express, type NextFunction, type Request, type RequestHandler, type Response } from 'express'
import type { GatewayBackend } from '../backend.ts'
import type { GatewayMetrics } from '../metrics.ts'
import type { BackupStore } from '../names/backup-store.ts'
import type { NameService } from '../names/name-service.ts'
import type { PrivateFiles } from '../private/private-files.ts'
import { toHttpError } from './error-mapping.ts'
import { cors, requestMetrics, requireToken } from './middleware.ts'
import { backupRoutes } from './routes/backup.ts'
import { fileRoutes } from './routes/files.ts'
import { folderRoutes } from './routes/folders.ts'
import { healthRoutes } from './routes/health.ts'
import { linkRoutes } from './routes/links.ts'
import { nameApiRoutes, nameLinkRoutes } from './routes/names.ts'
import { privateRoutes, readLinkPageRoutes } from './routes/private.ts'
import { searchRoutes } from './routes/search.ts'
import { swarmRoutes } from './routes/swarm.ts'

export interface HttpAppOptions {
  backend: GatewayBackend
  metrics: GatewayMetrics
  log: Logger
  token?: string
  corsOrigins: readonly string[]
  maxUploadBytes: number
  lookupTimeoutMs: number
  /** Base URL for share links (known only once the server is bound). */
  baseUrl: () => string
  /** Named versions (docs/versions.md); their routes are absent without it. */
  names?: NameService
  /** Private files (docs/crypto.md); their routes are mounted when given. */
  privateFiles?: PrivateFiles
  /** Chunk and manifest uploads of `netswarm backup`. */
  backup?: BackupStore
  /** Extra handlers mounted before the 404 fallback (the tRPC router). */
  mount?: (app: Express) => void
}

/** Builds the gateway's express app: health, REST `/api/v1`, share links, then errors. */
export function createHttpApp(options: HttpAppOptions): Express {
  const app = express()
  app.disable('x-powered-by')
  app.set('etag', false)
  app.set('query parser', 'simple')
  app.use(cors(options.corsOrigins))
  app.use(requestMetrics(options.metrics))
  app.use(healthRoutes(options.backend, options.metrics))
  const auth: RequestHandler = requireToken(options.token)
  app.use(
    '/api/v1',
    fileRoutes({
      backend: options.backend,
      metrics: options.metrics,
      maxUploadBytes: options.maxUploadBytes,
      lookupTimeoutMs: options.lookupTimeoutMs,
      baseUrl: options.baseUrl,
      requireToken: auth,
    }),
  )
  app.use('/api/v1', swarmRoutes(options.backend))
  app.use('/api/v1', searchRoutes(options.backend, options.baseUrl))
  if (options.privateFiles) {
    app.use(
      '/api/v1',
      privateRoutes({
        privateFiles: options.privateFiles,
        metrics: options.metrics,
        maxUploadBytes: options.maxUploadBytes,
        baseUrl: options.baseUrl,
        requireToken: auth,
      }),
    )
    app.use(readLinkPageRoutes())
  }
  app.use(folderRoutes({ ...options, requireToken: auth }))
  app.use(linkRoutes(options))
  if (options.names) {
    app.use('/api/v1', nameApiRoutes({ names: options.names, baseUrl: options.baseUrl, requireToken: auth }))
    app.use(nameLinkRoutes({ names: options.names }))
  }
  if (options.backup) app.use('/api/v1', backupRoutes({ store: options.backup, requireToken: auth }))
  options.mount?.(app)
  app.use((req: Request, _res: Response, next: NextFunction) => {
    next(new NotFoundError(`no route ${req.method} ${req.path} (see docs/api.md)`))
  })
  app.use(errorHandler(options.log))
  return app
}

function errorHandler(log: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const { status, body } = toHttpError(err)
    if (status >= 500 && status !== 503) log.error({ err, method: req.method, path: req.path }, 'request failed')
    else log.debug({ code: body.error.code, status, path: req.path }, 'request refused')
    if (res.headersSent) {
      // Mid-stream failure: cut the connection so the client sees a short body, not a complete one.
      res.destroy()
      return
    }
    res.removeHeader('Content-Disposition')
    res.removeHeader('ETag')
    res.removeHeader('Cache-Control')
    res.status(status).json(body)
  }
}

/** Listens on `host:port`; resolves with the bound address. */
export async function listen(app: Express, listenAddress: string): Promise<{ server: Server; address: string }> {
  const idx = listenAddress.lastIndexOf(':')
  const host = listenAddress.slice(0, idx).replace(/^\[|\]$/g, '')
  const port = Number(listenAddress.slice(idx + 1))
  const server = app.listen(port, host)
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', reject)
  })
  // Long downloads stream for as long as they need; only idle keep-alive sockets time out.
  server.requestTimeout = 0
  const bound = server.address() as AddressInfo
  const address = bound.family === 'IPv6' ? `[${bound.address}]:${bound.port}` : `${bound.address}:${bound.port}`
  return { server, address }
}
