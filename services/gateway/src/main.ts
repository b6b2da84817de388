import { loadOrCreateIdentity } from '@netswarm/identity'
import { createLogger, loadOrExit, onShutdownSignal } from '@netswarm/runtime'
import { loadGatewayConfig } from './config.ts'
import { createGatewayService } from './service.ts'

const config = loadOrExit(() => loadGatewayConfig(process.env))
const log = createLogger({ service: 'gateway', level: config.logLevel })
// Pod mode: with the peer's data directory mounted, the gateway opens shares addressed to this
// peer with the same identity key the dht and transfer services use (created by the init container).
const identity = config.dataDir ? await loadOrCreateIdentity(config.dataDir) : undefined
const service = createGatewayService({ log, identity }, config)
await service.start()
log.info({ url: service.url, sharing: identity !== undefined }, 'gateway ready')
onShutdownSignal(async (signal) => {
  log.info({ signal }, 'shutting down')
  await service.stop()
})
