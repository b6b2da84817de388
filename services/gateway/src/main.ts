import { createLogger, loadOrExit, onShutdownSignal } from '@netswarm/runtime'
import { loadGatewayConfig } from './config.ts'
import { createGatewayService } from './service.ts'

const config = loadOrExit(() => loadGatewayConfig(process.env))
const log = createLogger({ service: 'gateway', level: config.logLevel })
const service = createGatewayService({ log }, config)
await service.start()
log.info({ url: service.url }, 'gateway ready')
onShutdownSignal(async (signal) => {
  log.info({ signal }, 'shutting down')
  await service.stop()
})
