import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { decodeReadKey, parseCapability } from '@netswarm/content/private'
import { InvalidArgumentError } from '@netswarm/runtime'
import express, { type Request, type RequestHandler, type Response, Router } from 'express'
import { PayloadTooLargeError, UploadAbortedError } from '../../errors.ts'
import { contentDisposition, sanitizeFileName } from '../../file-names.ts'
import type { GatewayMetrics } from '../../metrics.ts'
import type { PrivateFiles } from '../../private/private-files.ts'
import { sharePage } from '../../private/share-page.ts'
import { limitedBody } from './files.ts'

export interface PrivateRoutesOptions {
  privateFiles: PrivateFiles
  metrics: GatewayMetrics
  maxUploadBytes: number
  baseUrl: () => string
  requireToken: RequestHandler
}

/** The headers of the read-link page: its own script only, requests to this origin only, no referrer. */
const PAGE_HEADERS = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; img-src blob:",
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-cache',
}

/** `GET /s/<cid>` (the key stays in the fragment) and its script: decryption in the browser. */
export function readLinkPageRoutes(): Router {
  const router = Router()
  router.get('/s/:cid', (_req, res) => {
    res.set(PAGE_HEADERS).type('html').send(sharePage.html)
  })
  router.get('/s-assets/open.js', (_req, res) => {
    res.set(PAGE_HEADERS).type('text/javascript').send(sharePage.script)
  })
  return router
}

/** Header that carries a read key to the user's own gateway (never a query string: those end up in logs). */
export const READ_KEY_HEADER = 'x-netswarm-key'

/**
 * Private files (docs/crypto.md, docs/api.md#private-files): encrypted upload, opening with a read
 * key passed in a header or body, share delivery and the list of shares this peer can open.
 */
export function privateRoutes(options: PrivateRoutesOptions): Router {
  const { privateFiles, requireToken } = options
  const router = Router()
  const json = express.json({ limit: '64kb' })

  router.get('/identity', (_req, res) => {
    res.json(privateFiles.identity())
  })

  router.post('/private/files', requireToken, async (req, res) => {
    const declared = Number(req.headers['content-length'])
    if (Number.isFinite(declared) && declared > options.maxUploadBytes) {
      res.setHeader('Connection', 'close')
      req.resume()
      throw new PayloadTooLargeError(options.maxUploadBytes)
    }
    const name = sanitizeFileName(typeof req.query.name === 'string' ? req.query.name : '', 'upload')
    const mediaType = (req.headers['content-type'] ?? 'application/octet-stream').split(',')[0].trim()
    const controller = new AbortController()
    res.once('close', () => {
      if (!res.writableFinished) controller.abort(new UploadAbortedError())
    })
    const published = await privateFiles.publish(
      limitedBody(req, options.maxUploadBytes, options.metrics),
      { name, mediaType },
      controller.signal,
    )
    res.status(201).json({
      cid: published.cid,
      name,
      mediaType,
      size: published.size,
      carrierSize: published.carrierSize,
      ...privateFiles.links(options.baseUrl(), published.cid, published.readKey),
      warning: 'Anyone with this link can read the file, and it is shown only now: keep it safe.',
    })
  })

  // The key arrives in the X-NetSwarm-Key header or a JSON body {link} / {key}.
  const open = async (req: Request, res: Response) => {
    const body = (req.body ?? {}) as { link?: unknown; key?: unknown }
    let cid = typeof req.params.cid === 'string' ? req.params.cid : undefined
    let readKey: Uint8Array | undefined
    const header = req.headers[READ_KEY_HEADER]
    if (typeof header === 'string') readKey = decodeReadKey(header)
    else if (typeof body.key === 'string') readKey = decodeReadKey(body.key)
    else if (typeof body.link === 'string') {
      const capability = parseCapability(body.link)
      cid ??= capability.cid
      readKey = capability.readKey
    }
    if (!cid) throw new InvalidArgumentError('name the file: POST /api/v1/private/open/<cid> or a body {"link": ...}')
    if (!readKey) {
      throw new InvalidArgumentError(
        `reading a private file needs its key (the ${READ_KEY_HEADER} header or a read link)`,
      )
    }
    const controller = new AbortController()
    res.once('close', () => {
      if (!res.writableFinished) controller.abort()
    })
    const opened = await privateFiles.open(cid, readKey, controller.signal)
    // The first segment is opened before the status goes out, so a carrier altered from its start
    // gets a proper error answer; a later bad segment can only cut the stream short.
    const segments = opened.plaintext
    const first = await segments.next()
    async function* rest(): AsyncGenerator<Uint8Array> {
      if (!first.done) yield first.value
      for (let next = await segments.next(); !next.done; next = await segments.next()) yield next.value
    }
    res.status(200).set({
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': contentDisposition(opened.header.name || 'private', 'attachment'),
      'Content-Length': String(opened.header.size),
      'X-NetSwarm-Media-Type': encodeURIComponent(opened.header.mediaType),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    })
    res.flushHeaders()
    await pipeline(Readable.from(rest()), res)
  }
  router.post('/private/open', json, open)
  router.post('/private/open/:cid', json, open)

  router.post('/private/shares', requireToken, json, async (req, res) => {
    const body = (req.body ?? {}) as { to?: unknown; envelope?: unknown }
    if (typeof body.to !== 'string') throw new InvalidArgumentError('body needs "to": the recipient public key')
    res.status(201).json(await privateFiles.deliver(body.to, body.envelope))
  })

  router.get('/private/shared', requireToken, async (_req, res) => {
    res.json({ shared: await privateFiles.shared(options.baseUrl()) })
  })

  return router
}
