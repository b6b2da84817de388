import { Router } from 'express'
import type { GatewayBackend } from '../../backend.ts'
import type { GatewayMetrics } from '../../metrics.ts'

/** `/healthz` (process up), `/readyz` (every backend answers), `/metrics` (Prometheus). */
export function healthRoutes(backend: GatewayBackend, metrics: GatewayMetrics): Router {
  const router = Router()
  router.get('/healthz', (_req, res) => {
    res.type('text/plain').send('ok\n')
  })
  router.get('/readyz', async (_req, res) => {
    const ready = await backend.ready().catch(() => false)
    res
      .status(ready ? 200 : 503)
      .type('text/plain')
      .send(ready ? 'ready\n' : 'not ready: a backend service does not answer\n')
  })
  router.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics())
  })
  return router
}
