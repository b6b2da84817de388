/**
 * Which gateways the console talks to. The console never calls a gateway from the browser: every
 * request goes through this Next server (`/gw/<index>/...`), so gateways need no CORS and the
 * token can live in an HttpOnly cookie that EventSource (SSE subscriptions) sends too.
 */

/** Environment variable: comma-separated gateway base URLs, one per peer (`http://127.0.0.1:8080,...`). */
export const GATEWAYS_ENV = 'NETSWARM_CONSOLE_GATEWAYS'
/** Used when the variable is unset: a single `netswarm node` on its default port. */
export const DEFAULT_GATEWAY = 'http://127.0.0.1:8080'

/** Parses the gateway list; throws with a message naming the bad entry. */
export function parseGateways(value: string | undefined): string[] {
  const entries = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  if (entries.length === 0) return [DEFAULT_GATEWAY]
  return entries.map((entry) => {
    let url: URL
    try {
      url = new URL(entry)
    } catch {
      throw new Error(`${GATEWAYS_ENV}: "${entry}" is not a URL (expected http://host:port)`)
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new Error(`${GATEWAYS_ENV}: "${entry}" must be http:// or https://`)
    }
    return url.origin
  })
}

/** The configured gateways, read at request time (the console is built once, started anywhere). */
export function configuredGateways(): string[] {
  return parseGateways(process.env[GATEWAYS_ENV])
}

/** The gateway of peer `index` (a route segment), or undefined when out of range. */
export function gatewayAt(index: string | number): string | undefined {
  const n = Number(index)
  const list = configuredGateways()
  return Number.isInteger(n) && n >= 0 && n < list.length ? list[n] : undefined
}

/** Name of the cookie holding the bearer token of peer `index`. */
export function tokenCookie(index: number | string): string {
  return `netswarm_token_${index}`
}
