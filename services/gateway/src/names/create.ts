import { createDhtClient } from '@netswarm/dht'
import { NameKeystore } from '@netswarm/identity'
import { createStorageClient } from '@netswarm/storage'
import type { GatewayBackend } from '../backend.ts'
import type { GatewayConfig } from '../config.ts'
import { type BackupStore, storageBackupStore } from './backup-store.ts'
import { createDhtRecords } from './dht-records.ts'
import { serviceNameContent } from './name-content.ts'
import { NameService } from './name-service.ts'

/**
 * The name service of a gateway (records in the peer's DHT, keys in `<dataDir>/names`) and the
 * store its backup routes upload through.
 */
export function createNameService(
  config: Pick<GatewayConfig, 'dhtGrpc' | 'storageGrpc' | 'dataDir' | 'lookupTimeoutMs'>,
  backend: GatewayBackend,
): { service: NameService; backup: BackupStore; close(): void } {
  const dht = createDhtClient(config.dhtGrpc)
  const storage = createStorageClient(config.storageGrpc)
  const service = new NameService({
    keystore: config.dataDir === undefined ? undefined : new NameKeystore(config.dataDir),
    records: createDhtRecords(dht),
    content: serviceNameContent(storage, dht, backend),
    lookupTimeoutMs: config.lookupTimeoutMs,
  })
  return {
    service,
    backup: storageBackupStore(storage),
    close: () => {
      dht.close()
      storage.close()
    },
  }
}
