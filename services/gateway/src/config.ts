import { byteSize, hostPort, parseConfig, readEnv } from '@netswarm/runtime'
import { z } from 'zod'

/** Environment variables read by the gateway, keyed by config field. */
export const GATEWAY_ENV = {
  listen: 'NETSWARM_GATEWAY_LISTEN',
  storageGrpc: 'NETSWARM_GATEWAY_STORAGE_GRPC',
  transferGrpc: 'NETSWARM_GATEWAY_TRANSFER_GRPC',
  dhtGrpc: 'NETSWARM_GATEWAY_DHT_GRPC',
  token: 'NETSWARM_GATEWAY_TOKEN',
  corsOrigins: 'NETSWARM_GATEWAY_CORS_ORIGINS',
  maxUploadBytes: 'NETSWARM_GATEWAY_MAX_UPLOAD_BYTES',
  publicUrl: 'NETSWARM_GATEWAY_PUBLIC_URL',
  lookupTimeoutMs: 'NETSWARM_GATEWAY_LOOKUP_TIMEOUT_MS',
  dataDir: 'NETSWARM_GATEWAY_DATA_DIR',
  logLevel: 'NETSWARM_LOG_LEVEL',
} as const

const origins = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((o) => o.trim())
      .filter((o) => o.length > 0),
  )
  .pipe(z.array(z.union([z.literal('*'), z.url({ message: 'expected an origin such as http://localhost:3000' })])))

/** Validated gateway configuration. */
export const gatewayConfigSchema = z.object({
  /** host:port of the HTTP listener. @default 127.0.0.1:8080 */
  listen: hostPort.default('127.0.0.1:8080'),
  /** gRPC address of this peer's storage service. @default 127.0.0.1:7003 */
  storageGrpc: z.string().min(1).default('127.0.0.1:7003'),
  /** gRPC address of this peer's transfer service. @default 127.0.0.1:7004 */
  transferGrpc: z.string().min(1).default('127.0.0.1:7004'),
  /** gRPC address of this peer's DHT service. @default 127.0.0.1:7002 */
  dhtGrpc: z.string().min(1).default('127.0.0.1:7002'),
  /** Bearer token required by write and admin endpoints; unset = open (for a trusted loopback). */
  token: z.string().min(16, 'use at least 16 characters').optional(),
  /** Origins allowed by CORS; empty = no CORS headers; `*` = any origin. @default [] */
  corsOrigins: z.union([origins, z.array(z.string())]).default([]),
  /** Largest accepted upload. @default 10GiB */
  maxUploadBytes: byteSize.default(10 * 2 ** 30),
  /** Base URL printed in share links; defaults to http://<listen>. */
  publicUrl: z.url().optional(),
  /** How long an unknown CID is searched for in the swarm before 404. @default 15000 */
  lookupTimeoutMs: z.coerce.number().int().positive().default(15_000),
  /** The peer's data directory: name keys live in its `names/` folder. Unset = no names to publish. */
  dataDir: z.string().min(1).optional(),
  /** pino level. @default info */
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
})

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>
export type GatewayConfigInput = z.input<typeof gatewayConfigSchema>

/** Reads and validates `NETSWARM_GATEWAY_*`; `overrides` (from flags) win over the environment. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv, overrides: Partial<GatewayConfigInput> = {}): GatewayConfig {
  const { values, envNames } = readEnv(env, GATEWAY_ENV)
  return parseConfig(gatewayConfigSchema, { ...values, ...overrides }, envNames)
}

/** The base URL share links start with. */
export function publicBaseUrl(config: Pick<GatewayConfig, 'publicUrl'>, boundAddress: string): string {
  return (config.publicUrl ?? `http://${boundAddress}`).replace(/\/+$/, '')
}
