import { createLogger, loadOrExit, onShutdownSignal } from '@netswarm/runtime'
import { loadDhtConfig } from './config.ts'
import { createDhtService } from './service.ts'

const config = loadOrExit(() => loadDhtConfig(process.env))
const log = createLogger({ service: 'dht', level: config.logLevel })
const service = createDhtService({ log }, config)
await service.start()
// One machine-readable line on stdout per milestone, for supervisors and tests.
process.stdout.write(
  `${JSON.stringify({ event: 'ready', wire: service.wireAddress, grpc: service.grpcAddress, metricsPort: service.metricsPort })}\n`,
)
void service.bootstrapped.then(() =>
  process.stdout.write(`${JSON.stringify({ event: 'bootstrapped', tableSize: service.node.table.size })}\n`),
)
onShutdownSignal(async (signal) => {
  log.info({ signal }, 'shutting down')
  await service.stop()
})
