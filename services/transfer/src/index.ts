/**
 * @netswarm/transfer: the transfer engine (multi-source fetch, publish, replication and repair)
 * and its gRPC service. See docs/transfer.md.
 */
export { createTransferClient, type FetchProgress, type TransferCallOptions, type TransferClient } from './client.ts'
export { TRANSFER_ADDRESS_TAG, transferAddresses } from './clients/dht-router.ts'
export { loadTransferConfig, parseTransferConfig, type TransferConfig, type TransferConfigInput } from './config.ts'
export { TransferEngine, type TransferEngineComponents, type TransferEngineInit } from './engine.ts'
export type { FetchSnapshot } from './fetch/fetcher.ts'
export type { ContentRouter, LocalStore, ProviderInfo } from './ports.ts'
export {
  createTransferService,
  TRANSFER_SERVICE_NAME,
  type TransferComponents,
  type TransferService,
} from './service.ts'
