import { parseManifestCid } from '@netswarm/content'
import { InvalidArgumentError } from '@netswarm/runtime'

/**
 * Checks that `text` is a NetSwarm file address (a manifest CID: CIDv1, dag-cbor, sha2-256)
 * and returns its canonical string.
 * @throws InvalidArgumentError with the reason, for a 400 answer.
 */
export function parseCid(text: string): string {
  const trimmed = text.trim()
  if (trimmed.length === 0) throw new InvalidArgumentError('missing CID')
  return parseManifestCid(trimmed).toString()
}

/**
 * Extracts the CID from what a user may paste: a bare CID, `netswarm://<cid>`, or a share link
 * `http(s)://host/f/<cid>` (a trailing file name or query is ignored).
 * @throws InvalidArgumentError naming the accepted forms.
 */
export function parseShareLink(text: string): string {
  const trimmed = text.trim()
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(trimmed)?.[1]?.toLowerCase()
  if (scheme === undefined) return parseCid(trimmed)
  if (scheme === 'netswarm') return parseCid(trimmed.slice('netswarm:'.length).replace(/^\/\//, '').split(/[/?#]/)[0])
  if (scheme === 'http' || scheme === 'https') {
    let url: URL
    try {
      url = new URL(trimmed)
    } catch {
      throw new InvalidArgumentError(`not a valid URL: ${trimmed.slice(0, 100)}`)
    }
    const match = /\/f\/([^/]+)/.exec(url.pathname)
    if (!match) throw new InvalidArgumentError('a share link looks like http://host:port/f/<cid>')
    return parseCid(decodeURIComponent(match[1]))
  }
  throw new InvalidArgumentError(
    `unsupported link scheme "${scheme}:" (use a CID, netswarm://<cid> or http(s)://…/f/<cid>)`,
  )
}

/** The share link of a CID on a gateway. */
export function shareLink(baseUrl: string, cid: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/f/${cid}`
}
