/**
 * How many requests to keep in flight to one peer: enough to cover its bandwidth-delay product,
 * so the link never idles while a request travels, and no more, so a slow peer does not sit on
 * chunks that a fast one could deliver.
 */

/** Depth before anything is measured about a peer. */
export const INITIAL_PIPELINE_DEPTH = 2
/**
 * Even on loopback keep one request queued behind the one being served, so the peer never waits
 * for our next request. More does not help a peer whose link is idle (measured on loopback: depth
 * 1-2 moved 256 MiB 5-10 % faster than 4, and 8 was slower still; docs/transfer.md#performance):
 * chunks queued beyond that only hold memory on both sides.
 */
export const MIN_PIPELINE_DEPTH = 2
/** Upper bound whatever the measurements (bounds memory on both sides). */
export const MAX_PIPELINE_DEPTH = 32

/**
 * Pipeline depth from the bandwidth-delay product: `ceil(rate * rtt / chunkBytes) + 1`, clamped.
 * @param bytesPerMs measured throughput, undefined before the first chunk
 * @param rttMs measured round-trip time
 * @param chunkBytes typical chunk size of the file
 */
export function pipelineDepth(bytesPerMs: number | undefined, rttMs: number, chunkBytes: number): number {
  if (bytesPerMs === undefined || !(chunkBytes > 0)) return INITIAL_PIPELINE_DEPTH
  const bdpChunks = Math.ceil((bytesPerMs * rttMs) / chunkBytes)
  // +1: one chunk being transferred while the BDP worth of requests travels.
  return Math.min(MAX_PIPELINE_DEPTH, Math.max(MIN_PIPELINE_DEPTH, bdpChunks + 1))
}

/**
 * How long to wait for a request before it counts as stalled: a generous multiple of the time the
 * peer should need to deliver everything queued ahead of it, never below `minMs`.
 */
export function requestTimeoutMs(
  bytesPerMs: number | undefined,
  rttMs: number,
  queuedBytes: number,
  minMs: number,
): number {
  if (bytesPerMs === undefined || bytesPerMs <= 0) return Math.max(minMs, 4 * rttMs)
  return Math.max(minMs, 4 * (rttMs + queuedBytes / bytesPerMs))
}
