import { guardLmdbCommitFailures } from '@netswarm/chunk-store'
import { createLogger, loadOrExit, onShutdownSignal } from '@netswarm/runtime'
import { loadStorageConfig } from './config.ts'
import { createStorageService } from './service.ts'

const config = loadOrExit(() => loadStorageConfig(process.argv.slice(2), process.env))
const log = createLogger({ service: 'storage', level: config.logLevel })
// A failed commit (disk full) is answered to its caller; do not let lmdb-js's stray promise kill us.
guardLmdbCommitFailures((err) => log.error({ err }, 'LMDB commit failed (disk full or I/O error)'))
const service = createStorageService({ log }, config)
await service.start()
onShutdownSignal(async (signal) => {
  log.info({ signal }, 'shutting down')
  await service.stop()
})
