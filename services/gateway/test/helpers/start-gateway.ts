import type { TestContext } from 'node:test'
import { createLogger } from '@netswarm/runtime'
import type { GatewayBackend } from '../../src/backend.ts'
import { type GatewayConfigInput, gatewayConfigSchema } from '../../src/config.ts'
import { createGatewayService, type GatewayService } from '../../src/service.ts'

/** Starts a gateway on 127.0.0.1:<random> in front of `backend`; stopped when the test ends. */
export async function startGateway(
  t: TestContext,
  backend: GatewayBackend,
  config: Partial<GatewayConfigInput> = {},
): Promise<GatewayService & { base: string }> {
  const service = createGatewayService(
    { log: createLogger({ service: 'gateway-test', level: process.env.NETSWARM_LOG_LEVEL ?? 'warn' }), backend },
    gatewayConfigSchema.parse({ listen: '127.0.0.1:0', lookupTimeoutMs: 2000, ...config }),
  )
  await service.start()
  t.after(() => service.stop())
  return Object.assign(service, { base: `http://${service.address}` })
}

/** Deterministic test bytes (not compressible to nothing, not random). */
export function testBytes(size: number, seed = 1): Buffer {
  const out = Buffer.alloc(size)
  let x = seed >>> 0 || 1
  for (let i = 0; i < size; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    out[i] = x & 0xff
  }
  return out
}
