import { type ErrorCode, isNetSwarmError } from '@netswarm/runtime'

/** HTTP status for each typed error code; the one place where codes become statuses. */
export const HTTP_STATUS_BY_CODE: Record<ErrorCode, number> = {
  INVALID_ARGUMENT: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  FAILED_PRECONDITION: 409,
  // Storage quota exhausted (uploads over the size limit carry their own 413).
  RESOURCE_EXHAUSTED: 507,
  // nginx's "client closed request": only ever seen in logs, the client is gone.
  CANCELLED: 499,
  DEADLINE_EXCEEDED: 504,
  UNAVAILABLE: 503,
  // Data from the swarm failed verification: a bad upstream, not a bad request.
  INTEGRITY: 502,
  INTERNAL: 500,
}

/** The JSON body of every error answer. Never carries a stack trace. */
export interface ErrorBody {
  error: { code: string; message: string }
}

/** Maps any thrown value to a status and a body safe to show a user. */
export function toHttpError(err: unknown): { status: number; body: ErrorBody } {
  if (isNetSwarmError(err)) {
    const explicit = (err as { httpStatus?: unknown }).httpStatus
    const status = typeof explicit === 'number' ? explicit : HTTP_STATUS_BY_CODE[err.code]
    return { status, body: { error: { code: err.code, message: err.message } } }
  }
  // express/body-parser errors carry `status` and `expose` for client errors.
  const e = err as { status?: unknown; expose?: unknown; message?: unknown; type?: unknown }
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500 && e.expose === true) {
    return { status: e.status, body: { error: { code: 'INVALID_ARGUMENT', message: String(e.message) } } }
  }
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'internal error (see the gateway log)' } } }
}
