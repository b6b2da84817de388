import type { SearchResultView } from '@netswarm/gateway'
import type { ApiClient } from '../api-client.ts'
import { CliError, EXIT } from '../exit-codes.ts'
import { formatBytes, printJson, table } from '../format.ts'

export interface SearchOptions {
  limit?: string
  timeout?: string
  prefix?: boolean
  json?: boolean
}

function intOption(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new CliError(`--${name} must be an integer in ${min}..${max}, got "${value}"`, EXIT.USAGE)
  }
  return n
}

/** `netswarm search <words>`: public files of the swarm, best first, with their providers and links. */
export async function searchCommand(api: ApiClient, words: string, options: SearchOptions): Promise<void> {
  const query = new URLSearchParams({ q: words })
  const limit = intOption(options.limit, 'limit', 1, 200)
  const timeoutMs = intOption(options.timeout, 'timeout', 1, 30_000)
  if (limit !== undefined) query.set('limit', String(limit))
  if (timeoutMs !== undefined) query.set('timeoutMs', String(timeoutMs))
  if (options.prefix) query.set('prefix', '1')
  const { results } = await api.json<{ query: string; results: SearchResultView[] }>(`/api/v1/search?${query}`)
  if (options.json) return printJson(results)
  if (results.length === 0) {
    process.stdout.write(`no public file matches "${words}"\n`)
    return
  }
  process.stdout.write(
    `${table(
      ['NAME', 'SIZE', 'PROVIDERS', 'MATCH', 'CID'],
      results.map((r) => [
        r.name,
        formatBytes(r.size),
        String(r.providers.length),
        r.matchedAll ? 'all' : `${r.wordsMatched} word${r.wordsMatched === 1 ? '' : 's'}`,
        r.cid,
      ]),
    )}\n` + `fetch one with: netswarm fetch <cid>\n`,
  )
}
