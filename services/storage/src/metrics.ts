import { Counter, createMetricsRegistry, Gauge, Histogram, type Registry } from '@netswarm/runtime'
import type { StorageStats } from './store/storage.ts'

/** Prometheus metrics of the storage service (`netswarm_storage_*`, base units). */
export interface StorageMetrics {
  registry: Registry
  /** Times an operation and counts it by outcome (`ok` or the error code). */
  observe<T>(op: string, fn: () => Promise<T>): Promise<T>
  bytesWritten: Counter<string>
  bytesRead: Counter<string>
}

/** Creates the registry; gauges read `stats()` at scrape time, so they never go stale. */
export function createStorageMetrics(stats: () => StorageStats | undefined): StorageMetrics {
  const registry = createMetricsRegistry('storage')
  const gauge = (name: string, help: string, pick: (s: StorageStats) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        const s = stats()
        if (s) this.set(pick(s))
      },
    })
  gauge('netswarm_storage_bytes', 'Bytes of chunk and manifest data stored', (s) => s.bytesStored)
  gauge('netswarm_storage_chunks', 'Chunks stored', (s) => s.chunks)
  gauge('netswarm_storage_manifests', 'Manifests stored', (s) => s.manifests)
  gauge('netswarm_storage_pins', 'Files pinned', (s) => s.pins)
  gauge('netswarm_storage_pinned_bytes', 'Bytes of distinct chunks used by pinned files', (s) => s.pinnedBytes)
  gauge('netswarm_storage_quota_bytes', 'Configured quota in bytes (0 = unlimited)', (s) => s.quotaBytes)
  const operations = new Counter({
    name: 'netswarm_storage_operations_total',
    help: 'Storage operations by name and outcome',
    labelNames: ['op', 'outcome'],
    registers: [registry],
  })
  const duration = new Histogram({
    name: 'netswarm_storage_operation_duration_seconds',
    help: 'Storage operation latency',
    labelNames: ['op'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  })
  const bytesWritten = new Counter({
    name: 'netswarm_storage_chunk_bytes_written_total',
    help: 'Chunk bytes received by PutChunks (new or not)',
    registers: [registry],
  })
  const bytesRead = new Counter({
    name: 'netswarm_storage_chunk_bytes_read_total',
    help: 'Chunk and file bytes sent by GetChunks and ReadFile',
    registers: [registry],
  })
  return {
    registry,
    bytesWritten,
    bytesRead,
    async observe(op, fn) {
      const end = duration.startTimer({ op })
      try {
        const result = await fn()
        operations.inc({ op, outcome: 'ok' })
        return result
      } catch (err) {
        const code = (err as { code?: unknown }).code
        operations.inc({ op, outcome: typeof code === 'string' ? code : 'INTERNAL' })
        throw err
      } finally {
        end()
      }
    },
  }
}
