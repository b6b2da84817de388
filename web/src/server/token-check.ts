import { gatewayAt } from './gateways.ts'

/** What a gateway says about a bearer token. */
export type TokenStatus = 'not-required' | 'ok' | 'missing' | 'wrong' | 'unreachable'

/**
 * Asks peer `peer`'s gateway whether `token` may write. The gateway has no "check token" call
 * (see the report: `auth.check` is requested), so this sends a write the gateway must refuse
 * anyway: `files.unpin` with an empty CID. Authorization is checked before the input, so the
 * answer is 401 (no token), 403 (wrong token) or 400 (token accepted, input refused). Nothing is
 * ever unpinned.
 */
export async function checkToken(peer: string, token: string | undefined): Promise<TokenStatus> {
  const gateway = gatewayAt(peer)
  if (gateway === undefined) return 'unreachable'
  let res: Response
  try {
    res = await fetch(`${gateway}/trpc/files.unpin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ cid: '' }),
      cache: 'no-store',
      signal: AbortSignal.timeout(5000),
    })
  } catch {
    return 'unreachable'
  }
  await res.body?.cancel()
  if (res.status === 401) return 'missing'
  if (res.status === 403) return 'wrong'
  if (res.status === 400) return token ? 'ok' : 'not-required'
  return 'unreachable'
}
