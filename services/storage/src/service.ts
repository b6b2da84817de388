import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { loadStorageProto } from '@netswarm/proto'
import {
  createLogger,
  type GrpcServerHandle,
  type Logger,
  type Startable,
  startGrpcServer,
  startMetricsServer,
} from '@netswarm/runtime'
import { parseStorageConfig, type StorageConfigInput } from './config.ts'
import { createStorageHandlers } from './grpc/storage-server.ts'
import { createStorageMetrics, type StorageMetrics } from './metrics.ts'
import { Storage } from './store/storage.ts'

/** Name the service registers under in grpc.health.v1. */
export const STORAGE_SERVICE_NAME = 'netswarm.storage.v1.StorageService'

/** What the storage service is given rather than builds. */
export interface StorageComponents {
  log?: Logger
}

/** A started (or startable) storage service. */
export interface StorageService extends Startable {
  /** gRPC address as bound (real port when 0 was asked); valid after start(). */
  readonly grpcAddress: string
  /** HTTP metrics port as bound; valid after start(). */
  readonly metricsPort: number
  /** The storage itself, for in-process callers that want no gRPC hop. Valid after start(). */
  readonly storage: Storage
  readonly metrics: StorageMetrics
}

/**
 * Wires the storage service: LMDB store, then gRPC server (health SERVING only once the store is
 * open), then the metrics endpoint, then the background GC timer. Used by main.ts, `netswarm node`
 * and tests alike.
 */
export function createStorageService(components: StorageComponents, input: StorageConfigInput): StorageService {
  const config = parseStorageConfig(input)
  const log = (components.log ?? createLogger({ service: 'storage', level: config.logLevel })).child({
    component: 'storage:service',
  })
  let storage: Storage | undefined
  let grpcServer: GrpcServerHandle | undefined
  let metricsServer: Awaited<ReturnType<typeof startMetricsServer>> | undefined
  let gcTimer: NodeJS.Timeout | undefined
  let ready = false
  const shutdown = new AbortController()
  const metrics = createStorageMetrics(() => storage?.stats())

  const scheduleGc = () => {
    if (config.gcIntervalSec === 0) return
    gcTimer = setTimeout(() => {
      storage
        ?.collectGarbage({ signal: shutdown.signal })
        .then((result) => log.info(result, 'garbage collection done'))
        .catch((err) => {
          if (!shutdown.signal.aborted) log.warn({ err }, 'garbage collection failed')
        })
        .finally(() => {
          if (ready) scheduleGc()
        })
    }, config.gcIntervalSec * 1000)
    gcTimer.unref()
  }

  return {
    metrics,
    get grpcAddress() {
      if (!grpcServer) throw new Error('storage service not started')
      return grpcServer.address
    },
    get metricsPort() {
      if (!metricsServer) throw new Error('storage service not started')
      return metricsServer.port
    },
    get storage() {
      if (!storage) throw new Error('storage service not started')
      return storage
    },
    async start() {
      const path = resolve(config.dataDir)
      mkdirSync(path, { recursive: true })
      storage = await Storage.open({
        path,
        sync: config.sync,
        quotaBytes: config.quota,
        gcBatchSize: config.gcBatch,
        gcGraceMs: config.gcGraceSec * 1000,
      })
      const opened = storage
      const proto = loadStorageProto()
      grpcServer = await startGrpcServer({
        address: config.grpcListen,
        serviceName: STORAGE_SERVICE_NAME,
        register: (server) =>
          server.addService(proto.netswarm.storage.v1.StorageService.service, createStorageHandlers(opened, metrics)),
      })
      const [host, port] = splitHostPort(config.metricsListen)
      metricsServer = await startMetricsServer({
        host,
        port,
        registry: metrics.registry,
        probes: { ready: () => ready },
      })
      ready = true
      grpcServer.setServing('SERVING')
      scheduleGc()
      log.info({ grpc: grpcServer.address, metricsPort: metricsServer.port, path, sync: config.sync }, 'storage ready')
    },
    async stop() {
      ready = false
      if (gcTimer) clearTimeout(gcTimer)
      await grpcServer?.stop()
      await metricsServer?.stop()
      // A GC pass in progress stops after its current batch, before the environment closes.
      shutdown.abort()
      await storage?.gc.idle()
      await storage?.close()
      grpcServer = undefined
      metricsServer = undefined
    },
  }
}

function splitHostPort(address: string): [string, number] {
  const at = address.lastIndexOf(':')
  return [address.slice(0, at).replace(/^\[|\]$/g, ''), Number(address.slice(at + 1))]
}
