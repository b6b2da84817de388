/** Search operations shared by REST `/api/v1/search`, tRPC `search.*` and uploads marked public. */
import { InvalidArgumentError, UnavailableError } from '@netswarm/runtime'
import type { GatewayBackend, SearchBackend, SearchMetadata, SearchResult } from './backend.ts'
import { shareLink } from './links.ts'

/** Limits of the metadata a public upload may carry (the DHT checks them again). */
export const PUBLIC_LIMITS = { tags: 8, tagChars: 32, descriptionChars: 280 } as const
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are refused here
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/

/** What an upload says about being searchable. Files are private (not announced) unless `public`. */
export interface PublicOptions {
  public: boolean
  tags: string[]
  description: string
}

/**
 * Reads `public`, `tags` (comma separated or repeated) and `description` of an upload.
 * @throws InvalidArgumentError before any byte is read, when a value breaks a limit.
 */
export function parsePublicOptions(query: Record<string, unknown>): PublicOptions {
  const flag = query.public
  const isPublic = flag === '' || flag === '1' || flag === 'true' || flag === 'yes'
  if (flag !== undefined && !isPublic && !(flag === '0' || flag === 'false' || flag === 'no')) {
    throw new InvalidArgumentError(`public must be true or false, got ${JSON.stringify(String(flag).slice(0, 20))}`)
  }
  const rawTags = ([] as unknown[]).concat(query.tags ?? [])
  const tags = rawTags
    .flatMap((t) => String(t).split(','))
    .map((t) => t.trim())
    .filter((t) => t.length > 0)
  if (tags.length > PUBLIC_LIMITS.tags) throw new InvalidArgumentError(`at most ${PUBLIC_LIMITS.tags} tags`)
  for (const t of tags) {
    if (t.length > PUBLIC_LIMITS.tagChars || CONTROL.test(t)) {
      throw new InvalidArgumentError(
        `tag ${JSON.stringify(t.slice(0, 40))} must be 1..${PUBLIC_LIMITS.tagChars} printable characters`,
      )
    }
  }
  const description = typeof query.description === 'string' ? query.description.trim() : ''
  if (description.length > PUBLIC_LIMITS.descriptionChars || CONTROL.test(description)) {
    throw new InvalidArgumentError(`description must be at most ${PUBLIC_LIMITS.descriptionChars} printable characters`)
  }
  if (!isPublic && (tags.length > 0 || description.length > 0)) {
    throw new InvalidArgumentError('tags and description are for public files: add public=true')
  }
  return { public: isPublic, tags, description }
}

function searchBackend(backend: GatewayBackend): SearchBackend {
  if (!backend.search) throw new UnavailableError('search is not available on this gateway')
  return backend.search
}

/** Announces a stored file as public. */
export function publishPublic(backend: GatewayBackend, metadata: SearchMetadata, signal?: AbortSignal) {
  return searchBackend(backend).publish(metadata, { signal })
}

/** A search result as the APIs return it: with its share link. */
export interface SearchResultView extends SearchResult {
  link: string
}

/** Search parameters as the APIs take them. */
export interface SearchParams {
  q: string
  limit?: number
  timeoutMs?: number
  prefix?: boolean
}

/** Reads `q`, `limit`, `timeoutMs` and `prefix` from a query string. */
export function parseSearchParams(query: Record<string, unknown>): SearchParams {
  const q = typeof query.q === 'string' ? query.q : ''
  const int = (v: unknown, name: string, max: number): number | undefined => {
    if (v === undefined || v === '') return undefined
    const n = Number(v)
    if (!Number.isInteger(n) || n < 1 || n > max)
      throw new InvalidArgumentError(`${name} must be an integer in 1..${max}`)
    return n
  }
  return {
    q,
    limit: int(query.limit, 'limit', 200),
    timeoutMs: int(query.timeoutMs, 'timeoutMs', 30_000),
    prefix: query.prefix === '1' || query.prefix === 'true',
  }
}

/** Results as the DHT finds them, each with its share link (a CID may come again with more providers). */
export async function* searchStream(
  backend: GatewayBackend,
  params: SearchParams,
  baseUrl: string,
  signal?: AbortSignal,
): AsyncGenerator<SearchResultView> {
  for await (const r of searchBackend(backend).search(params.q, {
    limit: params.limit,
    timeoutMs: params.timeoutMs,
    prefix: params.prefix,
    signal,
  })) {
    yield { ...r, link: shareLink(baseUrl, r.cid) }
  }
}

/** Merges streamed results by CID (the latest carries every provider) and ranks them, best first. */
export function rankResults(results: Iterable<SearchResultView>): SearchResultView[] {
  const byCid = new Map<string, SearchResultView>()
  for (const r of results) byCid.set(r.cid, r)
  return [...byCid.values()].sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
}
