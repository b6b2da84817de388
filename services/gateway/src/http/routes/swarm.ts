import { Router } from 'express'
import type { GatewayBackend } from '../../backend.ts'
import { listPeers, listTransfers, nodeStats } from '../../operations.ts'

/** `/api/v1/peers`, `/transfers`, `/stats`, `/routing-table`: read-only views of this peer. */
export function swarmRoutes(backend: GatewayBackend): Router {
  const router = Router()
  router.get('/peers', async (_req, res) => {
    res.json(await listPeers(backend))
  })
  router.get('/transfers', async (req, res) => {
    const all = req.query.all === '1' || req.query.all === 'true'
    res.json({ transfers: await listTransfers(backend, all) })
  })
  router.get('/stats', async (_req, res) => {
    res.json(await nodeStats(backend))
  })
  router.get('/routing-table', async (_req, res) => {
    res.json(await backend.dht.routingTable())
  })
  return router
}
