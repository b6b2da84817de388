import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { type Request, type Response, Router } from 'express'
import type { FileBody, FileInfo, GatewayBackend } from '../../backend.ts'
import { RangeNotSatisfiableError } from '../../errors.ts'
import { contentDisposition } from '../../file-names.ts'
import { parseCid } from '../../links.ts'
import type { GatewayMetrics } from '../../metrics.ts'
import { type ByteRange, parseRange } from '../range.ts'

/** A year: the bytes behind a CID can never change. */
const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable'

/** Media types are echoed from uploads, so only well-formed ones are passed through. */
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*(\s*;\s*[a-z0-9-]+=[a-z0-9-]+)*$/i

export interface LinkRoutesOptions {
  backend: GatewayBackend
  metrics: GatewayMetrics
  lookupTimeoutMs: number
}

/**
 * Share links: `GET /f/<cid>` (and `/f/<cid>/<any-name>`) stream a file from this peer or, through
 * the transfer service, from the swarm while it downloads. Range, ETag and caching follow RFC 9110.
 */
export function linkRoutes(options: LinkRoutesOptions): Router {
  const router = Router()
  const handler = (req: Request, res: Response) => serveFile(options, req, res)
  router.get('/f/:cid', handler)
  router.get('/f/:cid/:name', handler)
  router.head('/f/:cid', handler)
  router.head('/f/:cid/:name', handler)
  return router
}

/** Serves file `cidText` (the route's `:cid` unless given: folders serve their files by path). */
export async function serveFile(
  options: LinkRoutesOptions,
  req: Request,
  res: Response,
  cidText = String(req.params.cid),
): Promise<void> {
  const cid = parseCid(cidText)
  const etag = `"${cid}"`
  // Content addressing: a matching ETag means the client already has these exact bytes.
  if (etagMatches(req.headers['if-none-match'], etag)) {
    res.status(304).set({ ETag: etag, 'Cache-Control': IMMUTABLE_CACHE }).end()
    return
  }
  const controller = new AbortController()
  res.once('close', () => {
    if (!res.writableFinished) controller.abort()
  })
  const call = { signal: controller.signal, timeoutMs: options.lookupTimeoutMs }
  const rangeHeader = ifRangeAllows(req.get('if-range'), etag) ? req.headers.range : undefined
  let body: FileBody | undefined
  let info: FileInfo
  let range: ByteRange | undefined
  if (rangeHeader === undefined && req.method === 'GET') {
    // The common case: one call that resolves and streams the whole file.
    body = await options.backend.transfer.readFile(cid, { offset: 0, length: 0 }, call)
    info = body.info
  } else {
    info = await options.backend.transfer.stat(cid, call)
    const parsed = parseRange(rangeHeader, info.size)
    if (parsed.type === 'unsatisfiable') {
      res.setHeader('Content-Range', `bytes */${info.size}`)
      throw new RangeNotSatisfiableError(parsed.reason, info.size)
    }
    if (parsed.type === 'range') range = parsed.range
  }
  res.status(range ? 206 : 200)
  res.set({
    'Content-Type': MEDIA_TYPE.test(info.mediaType) ? info.mediaType : 'application/octet-stream',
    'Content-Disposition': contentDisposition(
      info.name || cid,
      req.query.download !== undefined ? 'attachment' : 'inline',
    ),
    'Content-Length': String(range ? range.end - range.start + 1 : info.size),
    'Accept-Ranges': 'bytes',
    ETag: etag,
    'Cache-Control': IMMUTABLE_CACHE,
    // Uploaded HTML must not run scripts with this gateway's origin (it serves the API too).
    'Content-Security-Policy': 'sandbox',
    'X-Content-Type-Options': 'nosniff',
  })
  if (range) res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${info.size}`)
  if (req.method === 'HEAD' || (range === undefined && info.size === 0 && !body)) {
    res.end()
    return
  }
  if (!body) {
    const offset = range?.start ?? 0
    const length = range ? range.end - range.start + 1 : 0
    body = await options.backend.transfer.readFile(cid, { offset, length }, call)
  }
  // Headers go out now, before the first byte is fetched: the client sees the download start.
  res.flushHeaders()
  options.metrics.activeDownloads.inc()
  try {
    await pipeline(Readable.from(counted(body.data, options.metrics)), res)
  } finally {
    options.metrics.activeDownloads.dec()
  }
}

async function* counted(data: AsyncIterable<Uint8Array>, metrics: GatewayMetrics): AsyncGenerator<Uint8Array> {
  for await (const chunk of data) {
    metrics.servedBytes.inc(chunk.byteLength)
    yield chunk
  }
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false
  if (header.trim() === '*') return true
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)
}

/** `If-Range` with another validator means the client's copy is stale: send the whole file. */
function ifRangeAllows(header: string | undefined, etag: string): boolean {
  return header === undefined || header.trim() === etag
}
