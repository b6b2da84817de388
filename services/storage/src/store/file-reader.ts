import type { ChunkStore } from '@netswarm/chunk-store'
import type { Manifest } from '@netswarm/content'
import { InvalidArgumentError } from '@netswarm/runtime'
import { ChunkNotFoundError } from '../errors.ts'

/** A byte range of a file: `length` 0 or undefined means "to the end". */
export interface ByteRange {
  offset?: number
  length?: number
}

/** Index of the chunk holding byte `offset`, by binary search over the chunks' start offsets. */
export function chunkIndexAt(starts: readonly number[], offset: number): number {
  let lo = 0
  let hi = starts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1
    if (starts[mid] <= offset) lo = mid
    else hi = mid - 1
  }
  return lo
}

/** Start offset of every chunk of a manifest. */
export function chunkStarts(manifest: Manifest): number[] {
  const starts: number[] = []
  let at = 0
  for (const chunk of manifest.chunks) {
    starts.push(at)
    at += chunk.size
  }
  return starts
}

/**
 * Yields a file's bytes in order, limited to `range`, touching only the chunks that overlap it.
 * A missing chunk ends the stream with ChunkNotFoundError (the file is still downloading).
 */
export async function* readFileRange(
  store: ChunkStore,
  manifest: Manifest,
  range: ByteRange = {},
  options: { signal?: AbortSignal } = {},
): AsyncGenerator<Uint8Array> {
  const offset = range.offset ?? 0
  if (!Number.isSafeInteger(offset) || offset < 0 || offset > manifest.size) {
    throw new InvalidArgumentError(`offset ${offset} is outside the file (size ${manifest.size})`)
  }
  const wanted = range.length ? range.length : manifest.size - offset
  if (!Number.isSafeInteger(wanted) || wanted < 0) throw new InvalidArgumentError(`invalid length ${range.length}`)
  const end = Math.min(manifest.size, offset + wanted)
  if (end <= offset) return
  const starts = chunkStarts(manifest)
  for (let i = chunkIndexAt(starts, offset); i < manifest.chunks.length && starts[i] < end; i++) {
    options.signal?.throwIfAborted()
    const { cid, size } = manifest.chunks[i]
    const bytes = store.getChunk(cid)
    if (!bytes) throw new ChunkNotFoundError(cid.toString())
    const from = Math.max(0, offset - starts[i])
    const to = Math.min(size, end - starts[i])
    yield from === 0 && to === bytes.byteLength ? bytes : bytes.subarray(from, to)
  }
}
