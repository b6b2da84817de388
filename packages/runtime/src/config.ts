import { z } from 'zod'

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

/**
 * Validates configuration assembled from flags and `NETSWARM_*` variables.
 * `envNames` maps a schema key to the variable it came from, so each problem names what to fix.
 */
export function parseConfig<S extends z.ZodType>(
  schema: S,
  input: unknown,
  envNames: Record<string, string> = {},
): z.infer<S> {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  const problems = result.error.issues.map((issue) => {
    const key = issue.path.join('.')
    const source = envNames[key] ? `${key} (${envNames[key]})` : key || '(root)'
    return `${source}: ${issue.message}`
  })
  throw new ConfigError(problems)
}

/** Reads `prefix + NAME` variables into an object keyed by the given names. Unset ones are absent. */
export function readEnv(
  env: NodeJS.ProcessEnv,
  mapping: Record<string, string>,
): { values: Record<string, string>; envNames: Record<string, string> } {
  const values: Record<string, string> = {}
  for (const [key, name] of Object.entries(mapping)) {
    const value = env[name]
    if (value !== undefined && value !== '') values[key] = value
  }
  return { values, envNames: mapping }
}

/** Exits with code 2 and one line per problem when configuration is invalid. */
export function loadOrExit<T>(load: () => T): T {
  try {
    return load()
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`)
      process.exit(2)
    }
    throw err
  }
}

/** zod helpers for common settings. */
export const port = z.coerce.number().int().min(0).max(65535)
export const hostPort = z
  .string()
  .regex(/^[^\s:]+:\d{1,5}$|^\[[0-9a-fA-F:]+\]:\d{1,5}$/, 'expected host:port, e.g. 127.0.0.1:7001')
/** A byte count: a non-negative integer, or a string such as `512MiB`, `10GB` or `1000000`. */
export const byteSize = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const parsed = typeof value === 'number' ? value : parseByteSize(value)
  if (parsed === undefined || !Number.isSafeInteger(parsed) || parsed < 0) {
    ctx.addIssue({ code: 'custom', message: `expected a size such as 512MiB, 10GiB or 1000000, got "${value}"` })
    return z.NEVER
  }
  return parsed
})

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
}

export function parseByteSize(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(text)
  if (!match) return undefined
  const unit = UNITS[match[2].toLowerCase()]
  if (unit === undefined) return undefined
  return Math.floor(Number(match[1]) * unit)
}
