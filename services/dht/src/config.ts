import { hostPort, parseConfig, port, readEnv } from '@netswarm/runtime'
import { refineSwarmKey, SWARM_KEY_ENV, swarmKeyFields } from '@netswarm/wire'
import { z } from 'zod'

/**
 * A comma-separated list (or an array) whose every entry passes `isValid`; the message names
 * the expected form and the first bad entry.
 */
function commaList(isValid: (entry: string) => boolean, expected: string) {
  return z.union([z.array(z.string()), z.string()]).transform((value, ctx) => {
    const items = Array.isArray(value)
      ? value
      : value
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s.length > 0)
    for (const item of items) {
      if (!isValid(item)) {
        ctx.addIssue({ code: 'custom', message: `expected ${expected} entries separated by commas, got "${item}"` })
        return z.NEVER
      }
    }
    return items
  })
}

/** Bootstrap entries: `host:port`, where host may be a DNS name resolving to several addresses. */
const bootstrapList = commaList((entry) => hostPort.safeParse(entry).success, 'host:port')

/**
 * True for a tagged service address `name=host:port` (name: lowercase letter, then up to 31 of
 * `a-z 0-9 -`). The one rule for config and {@link DhtService.addServiceAddress}.
 */
export function isServiceAddress(entry: string): boolean {
  const match = /^([a-z][a-z0-9-]{0,31})=(.+)$/.exec(entry)
  return match !== null && hostPort.safeParse(match[2]).success
}

/**
 * Other services of this peer that other peers dial, as `name=host:port` (e.g. `transfer=0.0.0.0:4011`).
 * They travel in the peer's DHT address list after the DHT's own address, so a provider found in the
 * DHT can be reached on its transfer listener. An unspecified host is filled in by the receiver.
 */
const serviceAddressList = commaList(isServiceAddress, 'name=host:port')

const flag = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'on', 'off'])])
  .transform((v) => (typeof v === 'boolean' ? v : v === 'true' || v === '1' || v === 'on'))

/** Configuration of the DHT service (`NETSWARM_DHT_*`). */
export const dhtConfigSchema = z
  .object({
    /** Peer data directory: holds `identity.key` (shared with transfer). */
    dataDir: z.string().min(1, 'set the peer data directory, e.g. /var/lib/netswarm'),
    /** Wire listen address for other peers' DHTs. @default 0.0.0.0:4001 */
    listen: hostPort.default('0.0.0.0:4001'),
    /** Address announced to peers; defaults to the listen address (0.0.0.0 is filled in by the receiver). */
    announce: hostPort.optional(),
    /** This peer's other wire listeners, `name=host:port` (e.g. `transfer=0.0.0.0:4011`). @default [] */
    serviceAddresses: serviceAddressList.default([]),
    /** gRPC address for local services. @default 127.0.0.1:7102 */
    grpcListen: hostPort.default('127.0.0.1:7102'),
    /** HTTP /metrics /healthz /readyz. @default 127.0.0.1:9102 */
    metricsListen: hostPort.default('127.0.0.1:9102'),
    /** Bootstrap peers: `host:port,...` or a DNS name resolving to several (headless service). */
    bootstrap: bootstrapList.default([]),
    /**
     * LAN discovery by UDP multicast (239.255.42.99, TTL 1). Off by default so that test swarms
     * on one machine do not merge; `netswarm node` on a LAN turns it on. @default false
     */
    lanDiscovery: flag.default(false),
    /** UDP port of LAN announcements. @default 4002 */
    lanPort: port.default(4002),
    /** Bucket size and replication factor. @default 20 */
    k: z.coerce.number().int().min(2).max(40).default(20),
    /** Lookup parallelism. @default 3 */
    alpha: z.coerce.number().int().min(1).max(16).default(3),
    /** Prefer low-RTT contacts. @default true */
    latencyAware: flag.default(true),
    /** Per-request timeout to other peers, ms. @default 5000 */
    requestTimeoutMs: z.coerce.number().int().min(100).max(120_000).default(5000),
    /** Contacts from one host allowed per bucket (loopback is exempt). @default 2 */
    maxPerHostPerBucket: z.coerce.number().int().min(1).max(40).default(2),
    /** Provider record lifetime, seconds. @default 172800 (48 h) */
    providerTtlSec: z.coerce
      .number()
      .int()
      .min(1)
      .default(48 * 3600),
    /** Republish interval of our provider records, seconds. @default 79200 (22 h) */
    republishIntervalSec: z.coerce
      .number()
      .int()
      .min(1)
      .default(22 * 3600),
    /** pino level. @default info */
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Private swarm secret (`NETSWARM_SWARM_KEY_FILE` / `NETSWARM_SWARM_KEY`); unset = public swarm. */
    ...swarmKeyFields,
  })
  .superRefine(refineSwarmKey)

export type DhtConfig = z.infer<typeof dhtConfigSchema>
/** What callers may pass (defaults filled in). */
export type DhtConfigInput = z.input<typeof dhtConfigSchema>

const ENV_NAMES: Record<keyof DhtConfig, string> = {
  dataDir: 'NETSWARM_DHT_DATA_DIR',
  listen: 'NETSWARM_DHT_LISTEN',
  announce: 'NETSWARM_DHT_ANNOUNCE',
  serviceAddresses: 'NETSWARM_DHT_SERVICE_ADDRESSES',
  grpcListen: 'NETSWARM_DHT_GRPC_LISTEN',
  metricsListen: 'NETSWARM_DHT_METRICS_LISTEN',
  bootstrap: 'NETSWARM_DHT_BOOTSTRAP',
  lanDiscovery: 'NETSWARM_DHT_LAN_DISCOVERY',
  lanPort: 'NETSWARM_DHT_LAN_PORT',
  k: 'NETSWARM_DHT_K',
  alpha: 'NETSWARM_DHT_ALPHA',
  latencyAware: 'NETSWARM_DHT_LATENCY_AWARE',
  requestTimeoutMs: 'NETSWARM_DHT_REQUEST_TIMEOUT_MS',
  maxPerHostPerBucket: 'NETSWARM_DHT_MAX_PER_HOST',
  providerTtlSec: 'NETSWARM_DHT_PROVIDER_TTL_SEC',
  republishIntervalSec: 'NETSWARM_DHT_REPUBLISH_INTERVAL_SEC',
  logLevel: 'NETSWARM_LOG_LEVEL',
  ...SWARM_KEY_ENV,
}

/** Validates an assembled config object (in-process starts: CLI, tests). */
export function parseDhtConfig(input: DhtConfigInput): DhtConfig {
  return parseConfig(dhtConfigSchema, input)
}

/** Reads `NETSWARM_DHT_*` variables; throws ConfigError naming each bad value and its variable. */
export function loadDhtConfig(env: NodeJS.ProcessEnv = process.env): DhtConfig {
  const { values, envNames } = readEnv(env, ENV_NAMES)
  return parseConfig(dhtConfigSchema, values, envNames)
}
