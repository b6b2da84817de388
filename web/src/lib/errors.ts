/** Turning gateway errors into messages a person can act on. */

/** What the console needs to know about a failed call. */
export interface ConsoleError {
  /** tRPC / HTTP-ish code: UNAUTHORIZED, FORBIDDEN, NOT_FOUND, BAD_REQUEST, SERVICE_UNAVAILABLE, ... */
  code: string
  message: string
  /** True when entering (another) token would help. */
  needsToken: boolean
}

const HINTS: Record<string, string> = {
  UNAUTHORIZED: 'This gateway needs a token for that. Enter it in the token prompt.',
  FORBIDDEN: 'The gateway refused the token. Enter the right one (netswarm prints it when the peer starts).',
  NOT_FOUND: 'Not found.',
  BAD_REQUEST: 'The gateway did not accept that input.',
  PAYLOAD_TOO_LARGE: 'Too large for this peer (upload limit or storage quota).',
  SERVICE_UNAVAILABLE: 'The peer is not ready or cannot be reached. Check that it is running, then retry.',
  TIMEOUT: 'The peer took too long to answer. Retry in a moment.',
  BAD_GATEWAY: 'Data from the swarm failed verification; retry to fetch it from other peers.',
  INTERNAL_SERVER_ERROR: 'The gateway failed unexpectedly; its log has the details.',
}

const HTTP_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  416: 'BAD_REQUEST',
  502: 'BAD_GATEWAY',
  503: 'SERVICE_UNAVAILABLE',
  504: 'TIMEOUT',
  507: 'PAYLOAD_TOO_LARGE',
}

/** Code of an HTTP status as the console names it. */
export function codeOfStatus(status: number): string {
  return HTTP_CODES[status] ?? (status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST')
}

/** Normalises anything thrown by the tRPC client, fetch or XHR. */
export function toConsoleError(err: unknown): ConsoleError {
  const e = err as { message?: string; data?: { code?: string; httpStatus?: number } | null }
  let code = e?.data?.code ?? (e?.data?.httpStatus ? codeOfStatus(e.data.httpStatus) : undefined)
  let message = typeof e?.message === 'string' && e.message ? e.message : String(err)
  if (!code) {
    // fetch() failures ("Failed to fetch", "NetworkError") mean the console server itself is gone.
    code = /fetch|network/i.test(message) ? 'SERVICE_UNAVAILABLE' : 'INTERNAL_SERVER_ERROR'
    if (code === 'SERVICE_UNAVAILABLE') message = 'the console server cannot be reached'
  }
  return { code, message, needsToken: code === 'UNAUTHORIZED' || code === 'FORBIDDEN' }
}

/** One sentence for the user: what happened, then what to do. */
export function describeError(err: ConsoleError): string {
  const hint = HINTS[err.code]
  if (!hint) return err.message
  return err.code === 'UNAUTHORIZED' || err.code === 'FORBIDDEN' ? hint : `${capitalise(err.message)}. ${hint}`
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1).replace(/\.$/, '')
}
