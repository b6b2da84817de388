import { Counter, createMetricsRegistry, Gauge, Histogram, type Registry } from '@netswarm/runtime'

/** The gateway's own Prometheus metrics (`netswarm_gateway_*`). */
export interface GatewayMetrics {
  registry: Registry
  httpRequests: Counter<'method' | 'route' | 'status'>
  httpDuration: Histogram<'method' | 'route'>
  uploadedBytes: Counter
  servedBytes: Counter
  uploadsRejected: Counter<'reason'>
  activeDownloads: Gauge
}

export function createGatewayMetrics(): GatewayMetrics {
  const registry = createMetricsRegistry('gateway')
  return {
    registry,
    httpRequests: new Counter({
      name: 'netswarm_gateway_http_requests_total',
      help: 'HTTP requests answered, by route template and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'netswarm_gateway_http_request_duration_seconds',
      help: 'Time to answer an HTTP request (to the last byte for downloads)',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.02, 0.1, 0.5, 2, 10, 60, 300],
      registers: [registry],
    }),
    uploadedBytes: new Counter({
      name: 'netswarm_gateway_uploaded_bytes_total',
      help: 'Bytes received in uploads (including rejected ones)',
      registers: [registry],
    }),
    servedBytes: new Counter({
      name: 'netswarm_gateway_served_bytes_total',
      help: 'File bytes sent to HTTP clients',
      registers: [registry],
    }),
    uploadsRejected: new Counter({
      name: 'netswarm_gateway_uploads_rejected_total',
      help: 'Uploads refused or abandoned, by reason',
      labelNames: ['reason'],
      registers: [registry],
    }),
    activeDownloads: new Gauge({
      name: 'netswarm_gateway_active_downloads',
      help: 'Share-link downloads being streamed right now',
      registers: [registry],
    }),
  }
}
