import { createServer, type Server } from 'node:http'
import { collectDefaultMetrics, Registry } from 'prom-client'

export { Counter, Gauge, Histogram, Registry } from 'prom-client'

/** A registry with node's default process metrics, prefixed `netswarm_<service>_`. */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry()
  registry.setDefaultLabels({ service })
  collectDefaultMetrics({ register: registry, prefix: `netswarm_${service}_` })
  return registry
}

export interface HttpProbes {
  /** True when the service can take traffic. */
  ready(): boolean
}

/**
 * Serves `/metrics` (Prometheus), `/healthz` (process alive) and `/readyz` on one HTTP port.
 * Used by services whose main API is gRPC, so Kubernetes and Prometheus have a plain HTTP door.
 */
export async function startMetricsServer(options: {
  host: string
  port: number
  registry: Registry
  probes: HttpProbes
}): Promise<{ server: Server; port: number; stop(): Promise<void> }> {
  const server = createServer((req, res) => {
    if (req.url === '/metrics') {
      options.registry.metrics().then(
        (body) => {
          res.writeHead(200, { 'content-type': options.registry.contentType })
          res.end(body)
        },
        () => {
          res.writeHead(500)
          res.end()
        },
      )
    } else if (req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' })
      res.end('ok\n')
    } else if (req.url === '/readyz') {
      const ready = options.probes.ready()
      res.writeHead(ready ? 200 : 503, { 'content-type': 'text/plain' })
      res.end(ready ? 'ready\n' : 'not ready\n')
    } else {
      res.writeHead(404)
      res.end()
    }
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => resolve())
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : options.port
  return {
    server,
    port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
