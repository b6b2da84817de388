import { hostPort, parseConfig, readEnv } from '@netswarm/runtime'
import { refineSwarmKey, SWARM_KEY_ENV, swarmKeyFields } from '@netswarm/wire'
import { z } from 'zod'

const PEER_PATTERN = /^([A-Za-z0-9]+@)?[^\s@,]+:\d{1,5}$/

/** Configuration of the transfer service (`NETSWARM_TRANSFER_*`). */
export const transferConfigSchema = z
  .object({
    /** The peer's data directory: holds `identity.key` (shared with the DHT service). */
    dataDir: z.string().min(1, 'set the peer data directory, e.g. /var/lib/netswarm'),
    /** Wire listener for other peers. @default 0.0.0.0:7003 */
    listen: hostPort.default('0.0.0.0:7003'),
    /** Address other peers dial (defaults to the listen address). */
    announce: hostPort.optional(),
    /** gRPC listen address for local services. @default 127.0.0.1:7103 */
    grpcListen: hostPort.default('127.0.0.1:7103'),
    /** HTTP /metrics, /healthz, /readyz. @default 127.0.0.1:9103 */
    metricsListen: hostPort.default('127.0.0.1:9103'),
    /** Storage service gRPC address. @default 127.0.0.1:7101 */
    storageGrpc: hostPort.default('127.0.0.1:7101'),
    /** DHT service gRPC address; unset = no DHT (only `peers` are asked). */
    dhtGrpc: hostPort.optional(),
    /** Static peers ("host:port" or "peerId@host:port", comma-separated), asked besides DHT providers. */
    peers: z
      .union([z.string(), z.array(z.string())])
      .default('')
      .transform((v, ctx) => {
        const list = (Array.isArray(v) ? v : v.split(',')).map((p) => p.trim()).filter(Boolean)
        const bad = list.find((p) => !PEER_PATTERN.test(p))
        if (bad !== undefined) {
          ctx.addIssue({ code: 'custom', message: `expected host:port or peerId@host:port, got "${bad}"` })
          return z.NEVER
        }
        return list
      }),
    /** Providers each published file should have. @default 3 */
    replicationFactor: z.coerce.number().int().min(1).max(20).default(3),
    /** Seconds between repair passes; 0 disables repair. @default 60 */
    repairIntervalSec: z.coerce.number().nonnegative().default(60),
    /** Chunk reads served at once to peers. @default 8 */
    uploadSlots: z.coerce.number().int().min(1).max(256).default(8),
    /** Chunk requests one peer may queue with us. @default 64 */
    perPeerQueue: z.coerce.number().int().min(1).max(1024).default(64),
    /** pino level. @default info */
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Private swarm secret (`NETSWARM_SWARM_KEY_FILE` / `NETSWARM_SWARM_KEY`); unset = public swarm. */
    ...swarmKeyFields,
  })
  .superRefine(refineSwarmKey)

export type TransferConfig = z.infer<typeof transferConfigSchema>
export type TransferConfigInput = z.input<typeof transferConfigSchema>

const ENV_NAMES: Record<keyof TransferConfig, string> = {
  dataDir: 'NETSWARM_TRANSFER_DATA_DIR',
  listen: 'NETSWARM_TRANSFER_LISTEN',
  announce: 'NETSWARM_TRANSFER_ANNOUNCE',
  grpcListen: 'NETSWARM_TRANSFER_GRPC_LISTEN',
  metricsListen: 'NETSWARM_TRANSFER_METRICS_LISTEN',
  storageGrpc: 'NETSWARM_TRANSFER_STORAGE_GRPC',
  dhtGrpc: 'NETSWARM_TRANSFER_DHT_GRPC',
  peers: 'NETSWARM_TRANSFER_PEERS',
  replicationFactor: 'NETSWARM_TRANSFER_REPLICATION_FACTOR',
  repairIntervalSec: 'NETSWARM_TRANSFER_REPAIR_INTERVAL_SEC',
  uploadSlots: 'NETSWARM_TRANSFER_UPLOAD_SLOTS',
  perPeerQueue: 'NETSWARM_TRANSFER_PER_PEER_QUEUE',
  logLevel: 'NETSWARM_LOG_LEVEL',
  ...SWARM_KEY_ENV,
}

/** Validates an assembled config object (in-process starts: CLI, tests). */
export function parseTransferConfig(input: TransferConfigInput): TransferConfig {
  return parseConfig(transferConfigSchema, input)
}

/** Reads `NETSWARM_TRANSFER_*` variables; throws ConfigError naming each bad value. */
export function loadTransferConfig(env: NodeJS.ProcessEnv = process.env): TransferConfig {
  const { values, envNames } = readEnv(env, ENV_NAMES)
  return parseConfig(transferConfigSchema, values, envNames)
}
