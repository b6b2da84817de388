import { loadOrCreateIdentity } from '@netswarm/identity'
import { loadTransferProto } from '@netswarm/proto'
import {
  type Clock,
  createLogger,
  createMetricsRegistry,
  type GrpcServerHandle,
  type Logger,
  type Startable,
  startGrpcServer,
  startMetricsServer,
  systemClock,
} from '@netswarm/runtime'
import { createStorageClient } from '@netswarm/storage'
import { configuredSwarmKey } from '@netswarm/wire'
import { createDhtRouter, TRANSFER_ADDRESS_TAG } from './clients/dht-router.ts'
import { parseTransferConfig, type TransferConfigInput } from './config.ts'
import { TransferEngine } from './engine.ts'
import { createTransferHandlers } from './grpc/transfer-server.ts'
import { createTransferMetrics } from './metrics.ts'
import type { ContentRouter, LocalStore } from './ports.ts'
import { parseStaticPeers, withStaticPeers } from './routing/static-router.ts'
import { ServiceStore } from './stores/service-store.ts'

/** Name the service registers under in grpc.health.v1. */
export const TRANSFER_SERVICE_NAME = 'netswarm.transfer.v1.TransferService'

/** What the transfer service is given rather than builds (tests inject fakes). */
export interface TransferComponents {
  log?: Logger
  clock?: Clock
  /** Replaces the storage-service-backed store. */
  store?: LocalStore
  /** Replaces the DHT-backed router. */
  router?: ContentRouter
}

export interface TransferService extends Startable {
  /** gRPC address as bound; valid after start(). */
  readonly grpcAddress: string
  /** Wire `host:port` as bound; valid after start(). */
  readonly wireAddress: string
  readonly metricsPort: number
  readonly peerId: string
  /** The engine, for in-process callers (the CLI's `netswarm node`). Valid after start(). */
  readonly engine: TransferEngine
}

/**
 * Wires the transfer service: identity, storage (gRPC + LMDB fast path), DHT router, engine and
 * wire listener, then gRPC (SERVING once the engine listens), then metrics. Used by main.ts,
 * `netswarm node` and tests alike.
 */
export function createTransferService(components: TransferComponents, input: TransferConfigInput): TransferService {
  const config = parseTransferConfig(input)
  const log = components.log ?? createLogger({ service: 'transfer', level: config.logLevel })
  const registry = createMetricsRegistry('transfer')
  const metrics = createTransferMetrics(registry)
  let engine: TransferEngine | undefined
  let store: LocalStore | undefined
  let grpcServer: GrpcServerHandle | undefined
  let metricsServer: Awaited<ReturnType<typeof startMetricsServer>> | undefined
  let closeRouter: (() => void) | undefined
  let ready = false

  return {
    get grpcAddress() {
      if (!grpcServer) throw new Error('transfer service not started')
      return grpcServer.address
    },
    get wireAddress() {
      if (!engine) throw new Error('transfer service not started')
      return engine.address
    },
    get metricsPort() {
      return metricsServer?.port ?? 0
    },
    get peerId() {
      if (!engine) throw new Error('transfer service not started')
      return engine.peerId
    },
    get engine() {
      if (!engine) throw new Error('transfer service not started')
      return engine
    },
    async start() {
      const identity = await loadOrCreateIdentity(config.dataDir)
      const swarmKey = configuredSwarmKey(config)
      store = components.store ?? (await ServiceStore.open(createStorageClient(config.storageGrpc), log))
      const [host, port] = splitHostPort(config.listen)
      const self = config.announce ?? config.listen
      const staticPeers = parseStaticPeers(config.peers).filter(
        (p) => p.peerId !== identity.peerId.toString() && !p.addresses.includes(self),
      )
      let router = components.router
      if (!router) {
        const dht = config.dhtGrpc ? createDhtRouter(config.dhtGrpc) : undefined
        closeRouter = dht?.close
        router = withStaticPeers(staticPeers, dht)
      }
      engine = new TransferEngine(
        { identity, store, router, metrics, clock: components.clock ?? systemClock, log },
        {
          host,
          port,
          uploadSlots: config.uploadSlots,
          perPeerQueue: config.perPeerQueue,
          replicationFactor: config.replicationFactor,
          repairIntervalMs: config.repairIntervalSec * 1000,
          swarmKey: swarmKey?.bytes,
        },
      )
      await engine.start()
      const started = engine
      const proto = loadTransferProto()
      grpcServer = await startGrpcServer({
        address: config.grpcListen,
        serviceName: TRANSFER_SERVICE_NAME,
        register: (server) =>
          server.addService(proto.netswarm.transfer.v1.TransferService.service, createTransferHandlers(started)),
      })
      const [mHost, mPort] = splitHostPort(config.metricsListen)
      metricsServer = await startMetricsServer({ host: mHost, port: mPort, registry, probes: { ready: () => ready } })
      ready = true
      grpcServer.setServing('SERVING')
      log.info(
        {
          grpc: grpcServer.address,
          wire: engine.address,
          peerId: engine.peerId,
          announce: `${TRANSFER_ADDRESS_TAG}${config.announce ?? engine.address}`,
          metricsPort: metricsServer.port,
          swarm: swarmKey ? `private (key ${swarmKey.fingerprint})` : 'public',
        },
        'transfer ready',
      )
    },
    async stop() {
      ready = false
      await grpcServer?.stop()
      await engine?.stop()
      await metricsServer?.stop()
      closeRouter?.()
      await store?.close()
      grpcServer = undefined
      metricsServer = undefined
    },
  }
}

function splitHostPort(address: string): [string, number] {
  const at = address.lastIndexOf(':')
  return [address.slice(0, at).replace(/^\[|\]$/g, ''), Number(address.slice(at + 1))]
}
