import { gatewayAt, tokenCookie } from './gateways.ts'

/** Only these gateway paths are reachable through the console (not /metrics, not admin ports). */
const ALLOWED_PREFIXES = ['trpc/', 'api/v1/', 'f/', 'n/']
/** Request headers passed on to the gateway. */
const FORWARD_REQUEST = [
  'accept',
  'content-type',
  'content-length',
  'range',
  'if-range',
  'if-none-match',
  'last-event-id',
  'x-file-name',
]
/** Response headers never copied back (hop-by-hop, or recomputed by the Next server). */
const DROP_RESPONSE = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-encoding'])

/** A JSON error in the gateway's REST shape, or tRPC's for `/trpc` paths, so clients parse it as usual. */
export function errorResponse(path: string, status: number, code: string, message: string): Response {
  const trpcCode = status === 404 ? 'NOT_FOUND' : status === 400 ? 'BAD_REQUEST' : 'SERVICE_UNAVAILABLE'
  const body = path.startsWith('trpc/')
    ? { error: { message, code: -32603, data: { code: trpcCode, httpStatus: status, netswarmCode: code } } }
    : { error: { code, message } }
  return Response.json(body, { status, headers: { 'cache-control': 'no-store' } })
}

function readCookie(header: string | null, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const idx = part.indexOf('=')
    if (idx > 0 && part.slice(0, idx).trim() === name) return decodeURIComponent(part.slice(idx + 1).trim())
  }
  return undefined
}

/**
 * Forwards one request to peer `peer`'s gateway and streams the answer back (uploads, downloads
 * and SSE all stream both ways; nothing is buffered). The bearer token comes from the peer's
 * cookie unless the request carries its own Authorization header.
 */
export async function proxyToGateway(request: Request, peer: string, segments: string[]): Promise<Response> {
  // tRPC batches name several procedures with commas; keep them readable for the gateway.
  const path = segments.map((s) => encodeURIComponent(s).replace(/%2C/gi, ',')).join('/')
  const gateway = gatewayAt(peer)
  if (gateway === undefined) return errorResponse(path, 404, 'NOT_FOUND', `the console knows no peer ${peer}`)
  if (!ALLOWED_PREFIXES.some((p) => `${path}/`.startsWith(p))) {
    return errorResponse(path, 404, 'NOT_FOUND', `/${path} is not served through the console`)
  }
  const search = new URL(request.url).search
  const headers = new Headers()
  for (const name of FORWARD_REQUEST) {
    const value = request.headers.get(name)
    if (value !== null) headers.set(name, value)
  }
  const token = readCookie(request.headers.get('cookie'), tokenCookie(peer))
  const auth = request.headers.get('authorization') ?? (token ? `Bearer ${token}` : null)
  if (auth !== null) headers.set('authorization', auth)
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD' && request.body !== null
  let upstream: Response
  try {
    upstream = await fetch(`${gateway}/${path}${search}`, {
      method: request.method,
      headers,
      body: hasBody ? request.body : undefined,
      // Stream the upload instead of buffering it (needed by undici for a stream body).
      ...(hasBody ? { duplex: 'half' } : {}),
      signal: request.signal,
      cache: 'no-store',
      redirect: 'manual',
    } as RequestInit)
  } catch (err) {
    if (request.signal.aborted) return new Response(null, { status: 499 })
    const reason = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message
    return errorResponse(
      path,
      503,
      'UNAVAILABLE',
      `cannot reach the gateway of peer ${peer} at ${gateway} (${reason}); is the peer running?`,
    )
  }
  const out = new Headers()
  upstream.headers.forEach((value, name) => {
    if (!DROP_RESPONSE.has(name)) out.set(name, value)
  })
  if ((upstream.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    // Tell any reverse proxy in front of the console not to buffer the event stream.
    out.set('x-accel-buffering', 'no')
    out.set('cache-control', 'no-cache, no-transform')
  }
  return new Response(upstream.body, { status: upstream.status, statusText: upstream.statusText, headers: out })
}
