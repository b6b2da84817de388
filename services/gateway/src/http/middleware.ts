import { timingSafeEqual } from 'node:crypto'
import type { NextFunction, Request, Response } from 'express'
import { PermissionDeniedError, UnauthenticatedError } from '../errors.ts'
import type { GatewayMetrics } from '../metrics.ts'

/**
 * Requires `Authorization: Bearer <token>` when a token is configured: 401 when it is missing or
 * malformed, 403 when it does not match. With no token configured, everything is open.
 */
export function requireToken(token: string | undefined) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const status = tokenStatus(token, req.headers.authorization)
    if (status === 'missing') next(new UnauthenticatedError())
    else if (status === 'wrong') next(new PermissionDeniedError())
    else next()
  }
}

/** Checks a bearer token outside express (the tRPC context). */
export function tokenStatus(token: string | undefined, header: string | undefined): 'ok' | 'missing' | 'wrong' {
  if (token === undefined) return 'ok'
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header)
  if (!match) return 'missing'
  const given = Buffer.from(match[1])
  const expected = Buffer.from(token)
  // timingSafeEqual needs equal lengths; the length itself is not secret.
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'ok' : 'wrong'
}

/**
 * CORS for the configured origins (`*` = any). Preflight requests are answered here; the
 * Authorization header is allowed so the console can call write endpoints.
 */
export function cors(origins: readonly string[]) {
  const any = origins.includes('*')
  const allowed = new Set(origins)
  return (req: Request, res: Response, next: NextFunction): void => {
    const origin = req.headers.origin
    if (origin !== undefined && (any || allowed.has(origin))) {
      res.setHeader('Access-Control-Allow-Origin', any ? '*' : origin)
      if (!any) res.vary('Origin')
      res.setHeader('Access-Control-Expose-Headers', 'Content-Range, Content-Length, ETag, Content-Disposition')
      if (req.method === 'OPTIONS') {
        res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, POST, PUT, DELETE, OPTIONS')
        res.setHeader(
          'Access-Control-Allow-Headers',
          'Authorization, Content-Type, Range, X-File-Name, trpc-accept, x-trpc-source',
        )
        res.setHeader('Access-Control-Max-Age', '600')
        res.status(204).end()
        return
      }
    }
    next()
  }
}

/** Counts requests and times them by route template (never by raw URL: CIDs would explode label sets). */
export function requestMetrics(metrics: GatewayMetrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const stop = metrics.httpDuration.startTimer()
    res.once('close', () => {
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched'
      stop({ method: req.method, route })
      metrics.httpRequests.inc({ method: req.method, route, status: String(res.statusCode) })
    })
    next()
  }
}
