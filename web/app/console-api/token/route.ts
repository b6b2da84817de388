import { cookies } from 'next/headers'
import { tokenCookie } from '../../../src/server/gateways.ts'
import { checkToken } from '../../../src/server/token-check.ts'

export const dynamic = 'force-dynamic'

/** A year: the token stays until the user forgets it (or the gateway refuses it). */
const COOKIE_MAX_AGE_S = 365 * 24 * 3600

/** `GET ?peer=N`: does peer N's gateway need a token, and is the stored one accepted? */
export async function GET(request: Request): Promise<Response> {
  const peer = new URL(request.url).searchParams.get('peer') ?? '0'
  const stored = (await cookies()).get(tokenCookie(peer))?.value
  return Response.json({ status: await checkToken(peer, stored), stored: stored !== undefined })
}

/** `POST {peer, token}`: stores the token (HttpOnly cookie) only if the gateway accepts it. */
export async function POST(request: Request): Promise<Response> {
  const body = (await request.json().catch(() => ({}))) as { peer?: unknown; token?: unknown }
  const peer = String(body.peer ?? '0')
  const token = typeof body.token === 'string' ? body.token.trim() : ''
  if (!token) return Response.json({ status: 'missing' }, { status: 400 })
  const status = await checkToken(peer, token)
  if (status === 'ok' || status === 'not-required') {
    ;(await cookies()).set(tokenCookie(peer), token, {
      httpOnly: true,
      sameSite: 'strict',
      path: '/',
      maxAge: COOKIE_MAX_AGE_S,
    })
  }
  return Response.json({ status }, { status: status === 'wrong' ? 403 : status === 'unreachable' ? 503 : 200 })
}

/** `DELETE ?peer=N`: forgets the token. */
export async function DELETE(request: Request): Promise<Response> {
  const peer = new URL(request.url).searchParams.get('peer') ?? '0'
  ;(await cookies()).delete(tokenCookie(peer))
  return Response.json({ status: 'forgotten' })
}
