import type { Bitfield } from './bitfield.ts'

/**
 * Endgame: once every missing chunk is requested somewhere, a peer with a free pipeline slot asks
 * for a chunk already in flight elsewhere; the first verified copy wins and the others are cancelled.
 * This is what keeps a slow or stalling peer from holding back the last chunks of a download.
 */

/** Most requests in flight for one chunk in the endgame (the original plus duplicates). */
export const ENDGAME_MAX_REQUESTS_PER_CHUNK = 3

/** The requests in flight for one chunk, by peer. */
export type InflightChunk = ReadonlyMap<string, { readonly sentAt: number }>

/**
 * Picks the in-flight chunk to duplicate on `peer`: one it has, not already asked of it, with the
 * fewest requests in flight, oldest first (the one most likely stuck). Undefined when none qualifies.
 */
export function pickEndgameChunk(
  peer: string,
  has: Bitfield,
  inflight: ReadonlyMap<number, InflightChunk>,
  maxRequestsPerChunk = ENDGAME_MAX_REQUESTS_PER_CHUNK,
): number | undefined {
  let best: number | undefined
  let bestCount = Number.POSITIVE_INFINITY
  let bestSentAt = Number.POSITIVE_INFINITY
  for (const [chunk, requests] of inflight) {
    const count = requests.size
    if (count >= maxRequestsPerChunk || requests.has(peer) || !has.has(chunk)) continue
    let sentAt = Number.POSITIVE_INFINITY
    for (const r of requests.values()) sentAt = Math.min(sentAt, r.sentAt)
    if (count < bestCount || (count === bestCount && sentAt < bestSentAt)) {
      best = chunk
      bestCount = count
      bestSentAt = sentAt
    }
  }
  return best
}
