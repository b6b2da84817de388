import { splitFolderPath } from '@netswarm/content'
import { InvalidArgumentError, NotFoundError } from '@netswarm/runtime'
import express, { type NextFunction, type Request, type RequestHandler, type Response, Router } from 'express'
import { folderPublishSchema, publishFolder } from '../../folder-publish.ts'
import { isFolder, listFolder, MAX_FOLDER_PAGE, resolveInFolder } from '../../folders.ts'
import { parseCid } from '../../links.ts'
import { renderFolderPage } from '../folder-page.ts'
import { type LinkRoutesOptions, serveFile } from './links.ts'

export interface FolderRoutesOptions extends LinkRoutesOptions {
  baseUrl: () => string
  /** Guards the publish endpoint (bearer token). */
  requireToken: RequestHandler
}

/** Largest folder description accepted by `POST /api/v1/folders` (100 000 entries fit). */
const MAX_PUBLISH_BODY = '32mb'

/** The path after `/f/<cid>/` as one string ('' for none); Express gives the wildcard as segments. */
function wildcardPath(req: Request): string {
  const value = (req.params as { path?: string | string[] }).path
  return Array.isArray(value) ? value.join('/') : (value ?? '')
}

function query(req: Request, key: string): string | undefined {
  const value = req.query[key]
  return typeof value === 'string' ? value : undefined
}

/**
 * Folders on share links and in the REST API (docs/api.md):
 * - `GET /f/<cid>/` of a folder: an HTML listing; `/f/<cid>/a/b/` a sub-folder's;
 * - `GET /f/<cid>/a/b/file.txt`: the file, exactly as `/f/<file-cid>` (Range, ETag, caching);
 * - `GET /api/v1/folders/<cid>?path=a/b&after=<name>&limit=n`: the listing as JSON;
 * - `POST /api/v1/folders`: publishes a folder of files already uploaded (folder-publish.ts).
 * A CID that is not a folder falls through to the file routes; `?raw` serves a folder's
 * directory document itself. Paths are checked names: `..` cannot climb out of the folder.
 */
export function folderRoutes(options: FolderRoutesOptions): Router {
  const router = Router()
  const call = (res: Response) => {
    const controller = new AbortController()
    res.once('close', () => {
      if (!res.writableFinished) controller.abort()
    })
    return { lookupTimeoutMs: options.lookupTimeoutMs, signal: controller.signal }
  }

  router.post('/api/v1/folders', options.requireToken, express.json({ limit: MAX_PUBLISH_BODY }), async (req, res) => {
    const parsed = folderPublishSchema.safeParse(req.body)
    if (!parsed.success) {
      throw new InvalidArgumentError(
        `bad folder description: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`,
      )
    }
    res
      .status(201)
      .json(await publishFolder(options.backend, parsed.data, { ...call(res), baseUrl: options.baseUrl() }))
  })

  router.get('/api/v1/folders/:cid', async (req, res) => {
    const limit = query(req, 'limit')
    res.json(
      await listFolder(
        options.backend,
        {
          cid: String(req.params.cid),
          path: query(req, 'path'),
          after: query(req, 'after'),
          limit: limit === undefined ? undefined : Number(limit),
        },
        { ...call(res), baseUrl: options.baseUrl() },
      ),
    )
  })

  const browse = async (req: Request, res: Response, next: NextFunction) => {
    if (req.query.raw !== undefined) return next()
    let cid: string
    try {
      cid = parseCid(String(req.params.cid))
    } catch {
      return next() // the file route answers with the error
    }
    const signal = call(res)
    if (!(await isFolder(options.backend, cid, signal))) return next()
    const segments = splitFolderPath(wildcardPath(req))
    const found = await resolveInFolder(options.backend, cid, segments, signal)
    const entry = found.entry
    if (entry?.kind === 'file') return serveFile(options, req, res, entry.cid.toString())
    if (entry?.kind === 'symlink') {
      throw new NotFoundError(`${segments.join('/')} is a symlink to ${entry.target}; links are not followed`)
    }
    // Folder pages live at a URL ending in '/', so their relative links resolve inside the folder.
    const url = new URL(req.originalUrl, 'http://gateway')
    if (!url.pathname.endsWith('/')) {
      res.redirect(301, `${url.pathname.slice(url.pathname.lastIndexOf('/') + 1)}/${url.search}`)
      return
    }
    const listing = await listFolder(
      options.backend,
      { cid, path: segments.join('/'), after: query(req, 'after'), limit: MAX_FOLDER_PAGE },
      { ...signal, baseUrl: options.baseUrl() },
    )
    res
      .status(200)
      .set({
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'public, max-age=31536000, immutable',
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
        'X-Content-Type-Options': 'nosniff',
      })
      .send(renderFolderPage(listing))
  }
  router.get('/f/:cid', browse)
  router.get('/f/:cid/*path', browse)
  return router
}
