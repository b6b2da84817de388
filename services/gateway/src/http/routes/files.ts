import type { IncomingMessage } from 'node:http'
import { type Request, type RequestHandler, type Response, Router } from 'express'
import type { GatewayBackend } from '../../backend.ts'
import { PayloadTooLargeError, UploadAbortedError } from '../../errors.ts'
import { sanitizeFileName } from '../../file-names.ts'
import { shareLink } from '../../links.ts'
import type { GatewayMetrics } from '../../metrics.ts'
import { fileInfo, listFiles, manifestBytes, pinFile, replicateFile, unpinFile } from '../../operations.ts'
import { parsePublicOptions, publishPublic } from '../../search.ts'

export interface FileRoutesOptions {
  backend: GatewayBackend
  metrics: GatewayMetrics
  maxUploadBytes: number
  lookupTimeoutMs: number
  baseUrl: () => string
  /** Guards write and admin endpoints (bearer token). */
  requireToken: RequestHandler
}

/** `/api/v1/files…`: upload, list, info, pin/unpin, replicate. */
export function fileRoutes(options: FileRoutesOptions): Router {
  const { backend, requireToken } = options
  const router = Router()

  router.post('/files', requireToken, (req, res) => upload(options, req, res))

  router.get('/files', async (req, res) => {
    const limit = req.query.limit === undefined ? undefined : Number(req.query.limit)
    const cursor = typeof req.query.cursor === 'string' ? req.query.cursor : undefined
    res.json(await listFiles(backend, { limit, cursor }, options.baseUrl()))
  })

  router.get('/files/:cid', async (req, res) => {
    const controller = new AbortController()
    res.once('close', () => controller.abort())
    res.json(
      await fileInfo(backend, String(req.params.cid), {
        baseUrl: options.baseUrl(),
        lookupTimeoutMs: options.lookupTimeoutMs,
        signal: controller.signal,
      }),
    )
  })

  router.get('/files/:cid/manifest', async (req, res) => {
    const controller = new AbortController()
    res.once('close', () => controller.abort())
    const bytes = await manifestBytes(backend, String(req.params.cid), {
      lookupTimeoutMs: options.lookupTimeoutMs,
      signal: controller.signal,
    })
    res
      .type('application/vnd.ipld.dag-cbor')
      .set('Cache-Control', 'public, max-age=31536000, immutable')
      .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  })

  router.put('/files/:cid/pin', requireToken, async (req, res) => {
    res.json(await pinFile(backend, String(req.params.cid)))
  })

  router.delete('/files/:cid/pin', requireToken, async (req, res) => {
    res.json(await unpinFile(backend, String(req.params.cid)))
  })

  router.post('/files/:cid/replicate', requireToken, async (req, res) => {
    const factor = Number(req.query.factor ?? 3)
    res.json(await replicateFile(backend, String(req.params.cid), factor))
  })

  return router
}

/**
 * Streams the request body into the transfer service's Publish (no buffering of the file).
 * The name comes from `?name=` or `X-File-Name`, the media type from Content-Type. Past the size
 * limit, or when the client goes away, the publish is cancelled and nothing stays pinned.
 */
async function upload(options: FileRoutesOptions, req: Request, res: Response): Promise<void> {
  const { metrics, maxUploadBytes } = options
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > maxUploadBytes) {
    metrics.uploadsRejected.inc({ reason: 'too_large' })
    rejectUnread(req, res)
    throw new PayloadTooLargeError(maxUploadBytes)
  }
  const rawName = typeof req.query.name === 'string' ? req.query.name : decodeHeader(req.headers['x-file-name'])
  const name = sanitizeFileName(rawName ?? '', 'upload')
  const mediaType = (req.headers['content-type'] ?? 'application/octet-stream').split(',')[0].trim()
  const publicOptions = parsePublicOptions(req.query as Record<string, unknown>)
  const controller = new AbortController()
  res.once('close', () => {
    if (!res.writableFinished) controller.abort(new UploadAbortedError())
  })
  try {
    const result = await options.backend.transfer.publish(
      limitedBody(req, maxUploadBytes, metrics),
      { name, mediaType },
      { signal: controller.signal },
    )
    // Only files marked public are announced to search; the upload itself is done either way.
    const searchable = publicOptions.public
      ? await publishPublic(options.backend, { cid: result.cid, name, mediaType, size: result.size, ...publicOptions })
      : undefined
    res.status(201).json({
      cid: result.cid,
      name,
      mediaType,
      size: result.size,
      chunks: result.chunks,
      link: shareLink(options.baseUrl(), result.cid),
      netswarmLink: `netswarm://${result.cid}`,
      replicasRequested: result.replicasRequested,
      public: publicOptions.public,
      ...(searchable ? { searchKeywords: searchable.keywords } : {}),
    })
  } catch (err) {
    // The client may be gone before the source notices: then the publish fails with whatever the
    // service said about the refused stream, but the cause is the cut-off upload.
    const clientGone = controller.signal.aborted && controller.signal.reason instanceof UploadAbortedError
    controller.abort(err)
    if (err instanceof PayloadTooLargeError) {
      metrics.uploadsRejected.inc({ reason: 'too_large' })
      rejectUnread(req, res)
    } else if (err instanceof UploadAbortedError || clientGone) {
      metrics.uploadsRejected.inc({ reason: 'aborted' })
      throw new UploadAbortedError()
    }
    throw err
  }
}

export async function* limitedBody(
  req: IncomingMessage,
  max: number,
  metrics: GatewayMetrics,
): AsyncGenerator<Uint8Array> {
  let received = 0
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      received += chunk.byteLength
      metrics.uploadedBytes.inc(chunk.byteLength)
      if (received > max) throw new PayloadTooLargeError(max)
      yield chunk
    }
  } catch (err) {
    if (err instanceof PayloadTooLargeError) throw err
    throw new UploadAbortedError()
  }
  // A stream can end without an error when the socket closes; only a complete body counts.
  if (!req.complete) throw new UploadAbortedError()
}

/** The rest of the body is not read: close the connection after the answer instead of draining it. */
function rejectUnread(req: Request, res: Response): void {
  res.setHeader('Connection', 'close')
  req.resume()
}

function decodeHeader(value: string | string[] | undefined): string | undefined {
  if (typeof value !== 'string') return undefined
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
