/**
 * The swarm secret in service configuration: the same two settings in every service that speaks
 * the wire (`NETSWARM_SWARM_KEY_FILE`, preferred, or `NETSWARM_SWARM_KEY`), read and validated
 * while the configuration is parsed, so a bad key stops the service at start with a clear message.
 */
import { z } from 'zod'
import { SwarmKey } from './swarm-key.ts'

/** Environment variables of the swarm secret (shared by dht, transfer and `netswarm node`). */
export const SWARM_KEY_ENV = { swarmKeyFile: 'NETSWARM_SWARM_KEY_FILE', swarmKey: 'NETSWARM_SWARM_KEY' } as const

/** The key's text form (or an already parsed key, for in-process starts). */
export const swarmKeyText = z.union([z.instanceof(SwarmKey), z.string()]).transform((value, ctx) => {
  if (value instanceof SwarmKey) return value
  try {
    return SwarmKey.parse(value)
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message })
    return z.NEVER
  }
})

/** A path to a key file, read at once (or an already read key: configs are parsed twice). */
export const swarmKeyFile = z.union([z.instanceof(SwarmKey), z.string().min(1)]).transform((value, ctx) => {
  if (value instanceof SwarmKey) return value
  try {
    return SwarmKey.readFile(value)
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message })
    return z.NEVER
  }
})

/** Fields to spread into a service's config object. */
export const swarmKeyFields = {
  /** Private swarm secret file (docs/protocol.md#private-swarms); unset = the public swarm. */
  swarmKeyFile: swarmKeyFile.optional(),
  /** The secret itself, for setups that cannot mount a file; the file is preferred. */
  swarmKey: swarmKeyText.optional(),
}

/** The configured secret, or undefined for the public swarm; both set is a configuration error. */
export function configuredSwarmKey(config: { swarmKeyFile?: SwarmKey; swarmKey?: SwarmKey }): SwarmKey | undefined {
  return config.swarmKeyFile ?? config.swarmKey
}

/** zod check for a config object: refuses the two settings at once (which one would win is a trap). */
export function refineSwarmKey(config: { swarmKeyFile?: unknown; swarmKey?: unknown }, ctx: z.RefinementCtx): void {
  if (config.swarmKeyFile !== undefined && config.swarmKey !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['swarmKey'],
      message: `set either ${SWARM_KEY_ENV.swarmKeyFile} or ${SWARM_KEY_ENV.swarmKey}, not both`,
    })
  }
}
