import { InvalidArgumentError } from '@netswarm/runtime'
import express, { type Request, type RequestHandler, type Response, Router } from 'express'
import { z } from 'zod'
import { shareLink } from '../../links.ts'
import type { NameService } from '../../names/name-service.ts'

export interface NameRoutesOptions {
  names: NameService
  baseUrl: () => string
  requireToken: RequestHandler
}

const createBody = z.object({ label: z.string().min(1).max(64) })
const pruneBody = z.object({
  keepLast: z.number().int().min(0).max(1_000_000).default(0),
  keepDaily: z.number().int().min(0).max(100_000).default(0),
})
const publishBody = z.object({ cid: z.string().min(1).max(500), message: z.string().max(1024).optional() })

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {})
  if (!result.success) {
    throw new InvalidArgumentError(
      `bad request body: ${result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`,
    )
  }
  return result.data
}

function abortOnClose(res: Response): AbortSignal {
  const controller = new AbortController()
  res.once('close', () => {
    if (!res.writableFinished) controller.abort()
  })
  return controller.signal
}

/** `/api/v1/names…`: local names, publishing, resolving and history (docs/api.md). */
export function nameApiRoutes(options: NameRoutesOptions): Router {
  const { names, requireToken } = options
  const router = Router()
  const json = express.json({ limit: '16kb' })

  router.get('/names', async (_req, res) => {
    res.json({ names: await names.listNames() })
  })
  router.post('/names', requireToken, json, async (req, res) => {
    res.status(201).json(await names.createName(parse(createBody, req.body).label))
  })
  router.delete('/names/:label', requireToken, async (req, res) => {
    await names.removeName(String(req.params.label))
    res.status(204).end()
  })
  router.post('/names/:label/versions', requireToken, json, async (req, res) => {
    const body = parse(publishBody, req.body)
    const published = await names.publish(String(req.params.label), body)
    res.status(201).json({ ...published, url: shareLink(options.baseUrl(), published.cid) })
  })
  router.post('/names/:label/prune', requireToken, json, async (req, res) => {
    res.json(await names.prune(String(req.params.label), parse(pruneBody, req.body)))
  })
  router.get('/names/:key', async (req, res) => {
    const resolved = await names.resolve(String(req.params.key), abortOnClose(res))
    res.set('Cache-Control', 'no-store').json({ ...resolved, url: shareLink(options.baseUrl(), resolved.latest.cid) })
  })
  router.get('/names/:key/versions', async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await names.history(String(req.params.key), abortOnClose(res)))
  })
  router.get('/names/:key/versions/:sequence', async (req, res) => {
    const sequence = Number(req.params.sequence)
    if (!Number.isSafeInteger(sequence) || sequence < 1)
      throw new InvalidArgumentError('a version number is an integer >= 1')
    res.json(await names.version(String(req.params.key), sequence, abortOnClose(res)))
  })
  return router
}

/**
 * Name links: `/n/<key>` (and `/n/<key>/<path>`) redirect (302, never cached) to the newest
 * version's `/f/<cid>` (and `/f/<cid>/<path>`), so a name link always opens the newest version.
 */
export function nameLinkRoutes(options: Pick<NameRoutesOptions, 'names'>): Router {
  const router = Router()
  const handler = async (req: Request, res: Response) => {
    const resolved = await options.names.resolve(String(req.params.key), abortOnClose(res))
    const segments = req.path.split('/').slice(2)
    const rest = segments.slice(1).join('/')
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : ''
    // Relative, so it also lands right behind a proxy that mounts the gateway under a prefix
    // (the console's /gw/<peer>/): one `../` per path segment after /n/.
    const up = '../'.repeat(segments.length)
    res.set('Cache-Control', 'no-store').redirect(302, `${up}f/${resolved.latest.cid}${rest ? `/${rest}` : ''}${query}`)
  }
  router.get('/n/:key', handler)
  router.get('/n/:key/{*rest}', handler)
  router.head('/n/:key', handler)
  router.head('/n/:key/{*rest}', handler)
  return router
}
