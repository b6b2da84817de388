/**
 * `node --import @netswarm/telemetry/register <service main>`: starts tracing before the service
 * loads, so services need no code change. Off (and nothing is hooked) unless an OTLP endpoint is
 * configured (see loadTelemetryConfig).
 *
 * Order matters: the ESM import hook must be in place before `@grpc/grpc-js` is first imported,
 * or the gRPC instrumentation silently records nothing. The hook is limited to grpc-js so every
 * other module loads untouched.
 */
import { register } from 'node:module'
import { addShutdownHook } from '@netswarm/runtime/shutdown'
import { loadTelemetryConfig } from './config.ts'

const config = loadTelemetryConfig(process.env)
if (config.enabled) {
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url, {
    data: { include: ['@grpc/grpc-js'] },
  })
  const { initTelemetry } = await import('./tracing.ts')
  const telemetry = initTelemetry(config)
  // Services exit from their own signal handler (onShutdownSignal), which runs this hook after the
  // service has stopped, so the spans of the drain are exported too.
  addShutdownHook(() => telemetry.shutdown())
}
