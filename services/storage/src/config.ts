import { parseArgs } from 'node:util'
import { ConfigError, hostPort, parseByteSize, parseConfig, readEnv } from '@netswarm/runtime'
import { z } from 'zod'

/**
 * A byte size (number or "10GiB"). The runtime's `byteSize` union reports a bad string as zod 4's
 * bare "Invalid input", so this one names the expected form itself.
 */
const quotaSize = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const bytes = typeof value === 'number' ? value : parseByteSize(value)
  if (bytes === undefined || !Number.isSafeInteger(bytes) || bytes < 0) {
    ctx.addIssue({ code: 'custom', message: `expected a size such as 512MiB, 10GiB or 1000000, got "${value}"` })
    return z.NEVER
  }
  return bytes
})

/** Configuration of the storage service. */
export const storageConfigSchema = z.object({
  /** Directory of the peer's LMDB environment (created if missing). */
  dataDir: z.string().min(1, 'set the data directory, e.g. /var/lib/netswarm/storage'),
  /** gRPC listen address. @default 127.0.0.1:7101 */
  grpcListen: hostPort.default('127.0.0.1:7101'),
  /** HTTP /metrics, /healthz, /readyz address. @default 127.0.0.1:9101 */
  metricsListen: hostPort.default('127.0.0.1:9101'),
  /** Byte limit of stored data; 0 = unlimited. Accepts 10GiB, 500MB, 1000000. @default 0 */
  quota: quotaSize.default(0),
  /** When writes are acknowledged: durable (fsync), committed, none. @default durable */
  sync: z.enum(['durable', 'committed', 'none']).default('durable'),
  /** Seconds between background GC passes; 0 = only on quota pressure or RunGc. @default 600 */
  gcIntervalSec: z.coerce.number().int().nonnegative().default(600),
  /** Seconds unreferenced data is kept before GC may remove it. @default 300 */
  gcGraceSec: z.coerce.number().int().nonnegative().default(300),
  /** Entries per GC transaction. @default 256 */
  gcBatch: z.coerce.number().int().min(1).max(100_000).default(256),
  /** pino level. @default info */
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
})

export type StorageConfig = z.infer<typeof storageConfigSchema>
/** What callers may pass (defaults filled in by {@link parseStorageConfig}). */
export type StorageConfigInput = z.input<typeof storageConfigSchema>

const ENV_NAMES: Record<keyof StorageConfig, string> = {
  dataDir: 'NETSWARM_STORAGE_DATA_DIR',
  grpcListen: 'NETSWARM_STORAGE_GRPC_LISTEN',
  metricsListen: 'NETSWARM_STORAGE_METRICS_LISTEN',
  quota: 'NETSWARM_STORAGE_QUOTA',
  sync: 'NETSWARM_STORAGE_SYNC',
  gcIntervalSec: 'NETSWARM_STORAGE_GC_INTERVAL_SEC',
  gcGraceSec: 'NETSWARM_STORAGE_GC_GRACE_SEC',
  gcBatch: 'NETSWARM_STORAGE_GC_BATCH',
  logLevel: 'NETSWARM_LOG_LEVEL',
}

const FLAGS = {
  'data-dir': 'dataDir',
  'grpc-listen': 'grpcListen',
  'metrics-listen': 'metricsListen',
  quota: 'quota',
  sync: 'sync',
  'gc-interval-sec': 'gcIntervalSec',
  'gc-grace-sec': 'gcGraceSec',
  'gc-batch': 'gcBatch',
  'log-level': 'logLevel',
} as const satisfies Record<string, keyof StorageConfig>

/** Validates an already assembled config object (in-process starts: CLI, tests). */
export function parseStorageConfig(input: StorageConfigInput): StorageConfig {
  return parseConfig(storageConfigSchema, input)
}

/**
 * Reads flags (`--data-dir`, `--grpc-listen`, `--metrics-listen`, `--quota`, `--sync`,
 * `--gc-interval-sec`, `--gc-grace-sec`, `--gc-batch`, `--log-level`) over `NETSWARM_STORAGE_*`
 * variables. Throws ConfigError naming each bad value and where it came from.
 */
export function loadStorageConfig(argv: string[] = [], env: NodeJS.ProcessEnv = process.env): StorageConfig {
  const { values, envNames } = readEnv(env, ENV_NAMES)
  let flags: Record<string, string | boolean | undefined>
  try {
    flags = parseArgs({
      args: argv,
      options: Object.fromEntries(Object.keys(FLAGS).map((flag) => [flag, { type: 'string' as const }])),
      strict: true,
    }).values
  } catch (err) {
    throw new ConfigError([
      `${(err as Error).message}; known flags: ${Object.keys(FLAGS)
        .map((f) => `--${f}`)
        .join(' ')}`,
    ])
  }
  const names: Record<string, string> = { ...envNames }
  const merged: Record<string, unknown> = { ...values }
  for (const [flag, key] of Object.entries(FLAGS)) {
    const value = flags[flag]
    if (typeof value === 'string') {
      merged[key] = value
      names[key] = `--${flag}`
    }
  }
  return parseConfig(storageConfigSchema, merged, names)
}
