import { checkHealth } from '@netswarm/runtime'
import type { GatewayBackend } from '../backend.ts'
import type { GatewayConfig } from '../config.ts'
import { createDhtBackend } from './dht-client.ts'
import { createSearchBackend } from './search-client.ts'
import { createStorageBackend } from './storage-client.ts'
import { createTransferBackend } from './transfer-client.ts'

/** Readiness probes answer quickly: a backend that does not answer in this time is "not ready". */
const HEALTH_TIMEOUT_MS = 1500

/** The real backend: this peer's three services over gRPC at the configured addresses. */
export function createGrpcBackend(
  config: Pick<GatewayConfig, 'storageGrpc' | 'transferGrpc' | 'dhtGrpc'>,
): GatewayBackend {
  const storage = createStorageBackend(config.storageGrpc)
  const transfer = createTransferBackend(config.transferGrpc)
  const dht = createDhtBackend(config.dhtGrpc)
  const search = createSearchBackend(config.dhtGrpc)
  return {
    storage,
    transfer,
    dht,
    search,
    async ready() {
      const statuses = await Promise.all(
        [config.storageGrpc, config.transferGrpc, config.dhtGrpc].map((a) =>
          checkHealth(a, '', HEALTH_TIMEOUT_MS).catch(() => 'NOT_SERVING'),
        ),
      )
      return statuses.every((s) => s === 'SERVING')
    },
    close() {
      storage.client.close()
      transfer.client.close()
      dht.client.close()
      search.client.close()
    },
  }
}
