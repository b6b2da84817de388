import { mkdir } from 'node:fs/promises'
import { resolve } from 'node:path'
import { createDhtService } from '@netswarm/dht'
import { createGatewayService, type GatewayService, loadGatewayConfig } from '@netswarm/gateway'
import { loadOrCreateIdentity } from '@netswarm/identity'
import type { Logger, Startable } from '@netswarm/runtime'
import { createStorageService } from '@netswarm/storage'
import { createTransferService } from '@netswarm/transfer'
import type { SwarmKey } from '@netswarm/wire'
import { type PeerPorts, peerPorts } from './ports.ts'

/** What `netswarm node` needs to start one peer. */
export interface PeerOptions {
  dataDir: string
  host: string
  portBase: number
  httpPort: number
  /** DHT addresses (host:port) of peers to join. */
  bootstrap: string[]
  /**
   * Transfer addresses of peers to ask besides DHT providers (the transfer service's static peers).
   * Not needed to find files: every peer advertises its transfer listener in the DHT.
   */
  transferPeers: string[]
  /** Overrides the transfer wire port of the layout. */
  transferPort?: number
  /** Find peers on the local network by multicast (a person's own peer; off for local swarms). */
  lanDiscovery?: boolean
  /** UDP port of LAN announcements (every peer of one LAN swarm uses the same). @default 4002 */
  lanPort?: number
  /** Private swarm secret for the DHT and transfer wire; absent = the public swarm. */
  swarmKey?: SwarmKey
  token?: string
  corsOrigins: string[]
  log: Logger
}

/** A running peer: its four services, started in dependency order. */
export interface RunningPeer {
  peerId: string
  ports: PeerPorts
  dhtAddress: string
  transferAddress: string
  gateway: GatewayService
  stop(): Promise<void>
}

/**
 * Starts one full peer in this process, with the same factories the per-service main files use:
 * storage (LMDB), then DHT, then transfer (which calls both; its wire address is then advertised
 * in the DHT as `transfer=host:port`), then the gateway in front.
 * Services still talk gRPC over loopback, exactly as in pod mode. A failure stops what started.
 */
export async function startPeer(options: PeerOptions): Promise<RunningPeer> {
  const dataDir = resolve(options.dataDir)
  await mkdir(dataDir, { recursive: true })
  const identity = await loadOrCreateIdentity(dataDir)
  const ports = peerPorts(options.portBase, options.httpPort)
  if (options.transferPort !== undefined) ports.transferWire = options.transferPort
  const at = (port: number) => `${options.host}:${port}`
  const started: Startable[] = []
  const startService = async <S extends Startable>(service: S): Promise<S> => {
    await service.start()
    started.push(service)
    return service
  }
  const stopAll = async () => {
    for (const service of started.reverse()) await service.stop().catch(() => {})
  }
  try {
    const storage = await startService(
      createStorageService(
        { log: options.log },
        {
          dataDir: resolve(dataDir, 'storage'),
          grpcListen: at(ports.storageGrpc),
          metricsListen: at(ports.storageMetrics),
        },
      ),
    )
    const dht = await startService(
      createDhtService(
        { log: options.log, identity },
        {
          dataDir,
          listen: at(ports.dhtWire),
          grpcListen: at(ports.dhtGrpc),
          metricsListen: at(ports.dhtMetrics),
          bootstrap: options.bootstrap,
          lanDiscovery: options.lanDiscovery ?? false,
          lanPort: options.lanPort,
          swarmKey: options.swarmKey,
        },
      ),
    )
    const transfer = await startService(
      createTransferService(
        { log: options.log },
        {
          dataDir,
          listen: at(ports.transferWire),
          grpcListen: at(ports.transferGrpc),
          metricsListen: at(ports.transferMetrics),
          storageGrpc: storage.grpcAddress,
          dhtGrpc: dht.grpcAddress,
          peers: options.transferPeers,
          swarmKey: options.swarmKey,
        },
      ),
    )
    // The transfer port is known only now (port 0): advertise it in the DHT, so a peer that finds
    // us as a provider dials our transfer listener (the transfer service reads `transfer=` tags).
    dht.addServiceAddress(`transfer=${transfer.wireAddress}`)
    const gateway = await startService(
      createGatewayService(
        { log: options.log, identity },
        // NETSWARM_GATEWAY_* from the environment still apply (upload limit, public URL, ...).
        loadGatewayConfig(process.env, {
          listen: at(ports.http),
          storageGrpc: storage.grpcAddress,
          dhtGrpc: dht.grpcAddress,
          transferGrpc: transfer.grpcAddress,
          token: options.token,
          corsOrigins: options.corsOrigins,
          dataDir,
        }),
      ),
    )
    return {
      peerId: identity.peerId.toString(),
      ports,
      dhtAddress: dht.wireAddress,
      transferAddress: transfer.wireAddress,
      gateway,
      stop: stopAll,
    }
  } catch (err) {
    await stopAll()
    throw err
  }
}
