import { createLogger, loadOrExit, onShutdownSignal } from '@netswarm/runtime'
import { loadTransferConfig } from './config.ts'
import { createTransferService } from './service.ts'

const config = loadOrExit(() => loadTransferConfig(process.env))
const log = createLogger({ service: 'transfer', level: config.logLevel })
const service = createTransferService({ log }, config)
await service.start()
onShutdownSignal(async (signal) => {
  log.info({ signal }, 'shutting down')
  await service.stop()
})
