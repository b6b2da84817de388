import { randomBytes } from 'node:crypto'
import { EventEmitter, setMaxListeners } from 'node:events'
import { loadOrCreateIdentity, type PeerIdentity } from '@netswarm/identity'
import { loadDhtProto } from '@netswarm/proto'
import {
  type Clock,
  createLogger,
  createMetricsRegistry,
  type GrpcServerHandle,
  InvalidArgumentError,
  type Logger,
  type Startable,
  startGrpcServer,
  startMetricsServer,
  systemClock,
} from '@netswarm/runtime'
import { configuredSwarmKey } from '@netswarm/wire'
import { resolveBootstrap } from './bootstrap.ts'
import { type DhtConfigInput, isServiceAddress, parseDhtConfig } from './config.ts'
import { ContentRouting } from './content-routing.ts'
import { createDhtHandlers } from './grpc/dht-server.ts'
import { createInboxHandlers } from './inbox/grpc.ts'
import { InboxService } from './inbox/inbox-service.ts'
import { keyToHex } from './kademlia/key.ts'
import { type LanDiscovery, startLanDiscovery } from './lan-discovery.ts'
import { createDhtMetrics } from './metrics.ts'
import { splitHostPort, WireNetwork } from './network.ts'
import { DhtNode } from './node.ts'
import { createSearchHandlers } from './search/grpc.ts'
import { SearchService } from './search/search-service.ts'

/** Name the service registers under in grpc.health.v1. */
export const DHT_SERVICE_NAME = 'netswarm.dht.v1.DhtService'
/** Pause between bootstrap attempts while no peer was reached. */
const BOOTSTRAP_RETRY_MS = 5000
/** Period of table refresh, record expiry and republishing. */
const MAINTENANCE_INTERVAL_MS = 60_000

/** What the DHT service is given rather than builds. */
export interface DhtServiceComponents {
  log?: Logger
  /** @default systemClock */
  clock?: Clock
  /** The peer's identity; loaded from (or created in) `dataDir` when absent. */
  identity?: PeerIdentity
}

/** A started (or startable) DHT service. Getters are valid after start(). */
export interface DhtService extends Startable {
  readonly grpcAddress: string
  /** Wire address as bound (`host:port`). */
  readonly wireAddress: string
  readonly metricsPort: number
  readonly node: DhtNode
  readonly routing: ContentRouting
  /** Keyword search over the swarm (docs/search.md). */
  readonly search: SearchService
  /** Share inboxes (docs/dht.md#share-inboxes). */
  readonly inbox: InboxService
  /** Resolves after the first bootstrap that reached a peer (or at once with no bootstrap list). */
  readonly bootstrapped: Promise<void>
  /** Emits `lan-peer` ({ address, peerId: hex }) for each peer added through LAN discovery. */
  readonly events: EventEmitter
  /**
   * Advertises one more of this peer's wire listeners, `name=host:port` (e.g. `transfer=127.0.0.1:4011`),
   * for a service that binds after the DHT started (port 0). Appended once; later requests carry it.
   * Before start() it joins the configured `serviceAddresses`.
   * @throws InvalidArgumentError when `entry` is not `name=host:port`.
   */
  addServiceAddress(entry: string): void
}

/**
 * Wires the DHT: identity, wire listener, node, gRPC server (SERVING once listening), metrics,
 * then bootstrap and maintenance in the background. Used by main.ts, `netswarm node` and tests.
 */
export function createDhtService(components: DhtServiceComponents, input: DhtConfigInput): DhtService {
  const config = parseDhtConfig(input)
  // Copied: addServiceAddress before start() must not write into the caller's input.
  const serviceAddresses = [...config.serviceAddresses]
  const clock = components.clock ?? systemClock
  const log = (components.log ?? createLogger({ service: 'dht', level: config.logLevel })).child({
    component: 'dht:service',
  })
  const registry = createMetricsRegistry('dht')
  let node: DhtNode | undefined
  let routing: ContentRouting | undefined
  let search: SearchService | undefined
  let inbox: InboxService | undefined
  let network: WireNetwork | undefined
  let grpcServer: GrpcServerHandle | undefined
  let metricsServer: Awaited<ReturnType<typeof startMetricsServer>> | undefined
  let wireAddress = ''
  let ready = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let lan: LanDiscovery | undefined
  const events = new EventEmitter()
  const shutdown = new AbortController()
  // Every concurrent lookup and request listens on the shutdown signal.
  setMaxListeners(0, shutdown.signal)
  const metrics = createDhtMetrics(registry, () => node)
  let markBootstrapped: () => void = () => {}
  const bootstrapped = new Promise<void>((resolve) => {
    markBootstrapped = resolve
  })

  const bootstrap = async (): Promise<void> => {
    if (!node || shutdown.signal.aborted) return
    const addresses = (await resolveBootstrap(config.bootstrap)).filter((a) => a !== wireAddress)
    const reached = await node.bootstrap(addresses, shutdown.signal).catch((err) => {
      if (!shutdown.signal.aborted) log.warn({ err }, 'bootstrap failed')
      return 0
    })
    // Peers that dialed us in the meantime count too: we are in the network.
    if (reached > 0 || addresses.length === 0 || node.table.size > 0) {
      log.info({ reached, tableSize: node.table.size }, 'bootstrapped')
      markBootstrapped()
      return
    }
    if (!shutdown.signal.aborted) {
      log.info({ bootstrap: config.bootstrap }, 'no bootstrap peer reachable yet; retrying')
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, BOOTSTRAP_RETRY_MS)
        t.unref()
        shutdown.signal.addEventListener('abort', () => resolve(), { once: true })
      })
      return bootstrap()
    }
  }

  const maintain = () => {
    timer = setTimeout(() => {
      const n = node
      const r = routing
      if (!n || !r) return
      n.providers.expire(clock.now())
      n.searchEntries.expire(clock.now())
      n.inbox.expire(clock.now())
      Promise.all([
        n.refresh(undefined, shutdown.signal),
        r.republish(shutdown.signal),
        search?.republish(shutdown.signal),
        inbox?.republish(shutdown.signal),
      ])
        .catch((err) => {
          if (!shutdown.signal.aborted) log.warn({ err }, 'maintenance failed')
        })
        .finally(() => {
          if (ready) maintain()
        })
    }, MAINTENANCE_INTERVAL_MS)
    timer.unref()
  }

  return {
    get grpcAddress() {
      if (!grpcServer) throw new Error('dht service not started')
      return grpcServer.address
    },
    get wireAddress() {
      return wireAddress
    },
    get metricsPort() {
      if (!metricsServer) throw new Error('dht service not started')
      return metricsServer.port
    },
    get node() {
      if (!node) throw new Error('dht service not started')
      return node
    },
    get routing() {
      if (!routing) throw new Error('dht service not started')
      return routing
    },
    get search() {
      if (!search) throw new Error('dht service not started')
      return search
    },
    get inbox() {
      if (!inbox) throw new Error('dht service not started')
      return inbox
    },
    bootstrapped,
    events,
    addServiceAddress(entry) {
      if (!isServiceAddress(entry)) {
        throw new InvalidArgumentError(`service address must be name=host:port, got "${entry}"`)
      }
      // node.addresses is read on every request (network hello, provider records): append in place.
      const list = node ? node.addresses : serviceAddresses
      if (!list.includes(entry)) list.push(entry)
    },
    async start() {
      const identity = components.identity ?? (await loadOrCreateIdentity(config.dataDir))
      const swarmKey = configuredSwarmKey(config)
      network = new WireNetwork({
        identity,
        clock,
        log: log.child({ component: 'dht:network' }),
        swarmKey: swarmKey?.bytes,
      })
      const listen = splitHostPort(config.listen)
      // The node needs its announce address, known only once the port is bound: bind first.
      const bound = await network.listen(listen.host, listen.port)
      wireAddress = `${bound.host.includes(':') ? `[${bound.host}]` : bound.host}:${bound.port}`
      const announce = config.announce ?? wireAddress
      node = new DhtNode(
        {
          clock,
          transport: network,
          randomBytes: (n) => new Uint8Array(randomBytes(n)),
          onLookup: metrics.onLookup,
          onSearch: metrics.search,
        },
        {
          id: identity.peerId.bytes,
          addresses: [announce, ...serviceAddresses],
          k: config.k,
          alpha: config.alpha,
          latencyAware: config.latencyAware,
          requestTimeoutMs: config.requestTimeoutMs,
          maxPerHostPerBucket: config.maxPerHostPerBucket,
          providerTtlMs: config.providerTtlSec * 1000,
          republishIntervalMs: config.republishIntervalSec * 1000,
        },
      )
      network.attach(node)
      routing = new ContentRouting(node)
      search = new SearchService(node, { signer: identity, onQuery: metrics.search.query })
      inbox = new InboxService(node, { publicKey: identity.publicKey })
      const proto = loadDhtProto()
      const handlers = {
        ...createDhtHandlers(node, routing, Date.now() - clock.now()),
        ...createSearchHandlers(search),
        ...createInboxHandlers(inbox),
      }
      grpcServer = await startGrpcServer({
        address: config.grpcListen,
        serviceName: DHT_SERVICE_NAME,
        register: (server) => server.addService(proto.netswarm.dht.v1.DhtService.service, handlers),
      })
      const metricsAt = splitHostPort(config.metricsListen)
      metricsServer = await startMetricsServer({
        host: metricsAt.host,
        port: metricsAt.port,
        registry,
        probes: { ready: () => ready },
      })
      ready = true
      grpcServer.setServing('SERVING')
      if (config.lanDiscovery) {
        const n = node
        lan = await startLanDiscovery({
          id: n.id,
          address: announce,
          port: config.lanPort,
          swarmKey,
          dial: async (address) => {
            const wasEmpty = n.table.size === 0
            const id = await n.addByAddress(address, shutdown.signal)
            events.emit('lan-peer', { address, peerId: keyToHex(id) })
            // The first peer found this way is our way into the network: fill the table.
            if (wasEmpty) await n.bootstrap([], shutdown.signal)
          },
        })
      }
      log.info(
        {
          peerId: identity.peerId.toString(),
          wire: wireAddress,
          grpc: grpcServer.address,
          metricsPort: metricsServer.port,
          swarm: swarmKey ? `private (key ${swarmKey.fingerprint})` : 'public',
        },
        'dht ready',
      )
      void bootstrap()
      maintain()
    },
    async stop() {
      ready = false
      shutdown.abort()
      await lan?.stop()
      if (timer) clearTimeout(timer)
      await grpcServer?.stop()
      await metricsServer?.stop()
      await network?.close()
    },
  }
}
