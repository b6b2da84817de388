import { MAX_CHUNK_SIZE, MAX_MANIFEST_BYTES } from '@netswarm/content'
import { InvalidArgumentError } from '@netswarm/runtime'
import express, { type RequestHandler, Router } from 'express'
import { z } from 'zod'
import { type BackupStore, MAX_HAS_CIDS } from '../../names/backup-store.ts'

const hasBody = z.object({ cids: z.array(z.string().min(1).max(200)).max(MAX_HAS_CIDS) })

function bodyBytes(body: unknown): Uint8Array {
  if (!Buffer.isBuffer(body)) throw new InvalidArgumentError('send the bytes as the request body')
  return new Uint8Array(body.buffer, body.byteOffset, body.byteLength)
}

/**
 * Uploads for `netswarm backup` (token): `POST /chunks/has`, `PUT /chunks/<cid>`,
 * `PUT /manifests/<cid>`. Nothing is trusted: chunks are hashed, manifests parsed and checked by
 * the storage service against their CID and stored chunks.
 */
export function backupRoutes(options: { store: BackupStore; requireToken: RequestHandler }): Router {
  const { store, requireToken } = options
  const router = Router()
  const raw = (limit: number) => express.raw({ type: () => true, limit })

  router.post('/chunks/has', requireToken, express.json({ limit: '1mb' }), async (req, res) => {
    const parsed = hasBody.safeParse(req.body ?? {})
    if (!parsed.success) throw new InvalidArgumentError(`body must be {cids: [...]} with at most ${MAX_HAS_CIDS} CIDs`)
    res.json({ present: await store.has(parsed.data.cids) })
  })
  router.put('/chunks/:cid', requireToken, raw(MAX_CHUNK_SIZE), async (req, res) => {
    const cid = String(req.params.cid)
    const created = await store.putChunk(cid, bodyBytes(req.body))
    res.status(created ? 201 : 200).json({ cid, created })
  })
  router.put('/manifests/:cid', requireToken, raw(MAX_MANIFEST_BYTES), async (req, res) => {
    const cid = String(req.params.cid)
    const created = await store.putManifest(cid, bodyBytes(req.body))
    res.status(created ? 201 : 200).json({ cid, created })
  })
  return router
}
