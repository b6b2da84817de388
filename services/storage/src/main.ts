import { createLogger, loadOrExit, onShutdownSignal } from '@netswarm/runtime'
import { loadStorageConfig } from './config.ts'
import { createStorageService } from './service.ts'

const config = loadOrExit(() => loadStorageConfig(process.argv.slice(2), process.env))
const log = createLogger({ service: 'storage', level: config.logLevel })
const service = createStorageService({ log }, config)
await service.start()
onShutdownSignal(async (signal) => {
  log.info({ signal }, 'shutting down')
  await service.stop()
})
