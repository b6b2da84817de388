import { NameKeystore } from '@netswarm/identity'
import type { GatewayBackend } from '../backend.ts'
import type { GatewayConfig } from '../config.ts'
import { createDhtRecords } from './dht-records.ts'
import { backendNameContent } from './name-content.ts'
import { NameService } from './name-service.ts'

/** The name service of a gateway: records in the peer's DHT, keys in `<dataDir>/names`. */
export function createNameService(
  config: Pick<GatewayConfig, 'dhtGrpc' | 'dataDir' | 'lookupTimeoutMs'>,
  backend: GatewayBackend,
): { service: NameService; close(): void } {
  const records = createDhtRecords(config.dhtGrpc)
  const service = new NameService({
    keystore: config.dataDir === undefined ? undefined : new NameKeystore(config.dataDir),
    records,
    content: backendNameContent(backend),
    lookupTimeoutMs: config.lookupTimeoutMs,
  })
  return { service, close: () => records.close() }
}
