/**
 * chunkStream: content-defined chunking plus SHA-256 of every chunk, pipelined. Boundaries are
 * found on this thread (wasm) while digests run on libuv's threadpool (WebCrypto), with a
 * bounded number of chunks in flight so memory stays constant. See docs/chunking.md.
 */
import { webcrypto } from 'node:crypto'
import type { CID } from 'multiformats/cid'
import { Chunker, type ScannerKind } from './chunker/chunker.ts'
import type { ChunkerOptions } from './chunker/options.ts'
import { cidFromDigest, RAW_CODEC } from './cid.ts'

/** A chunk of a stream: its CID, bytes and offset in the stream. */
export interface Chunk {
  cid: CID
  bytes: Uint8Array
  offset: number
}

/** Options of chunkStream beyond the size parameters. */
export interface ChunkStreamOptions extends ChunkerOptions {
  /** Most bytes hashed but not yet yielded (bounds memory). @default 16 MiB */
  maxInFlightBytes: number
  /** Boundary finder implementation. @default 'wasm' */
  scanner: ScannerKind
  /** Aborts the iteration (throws the signal's reason). */
  signal: AbortSignal | undefined
}

const DEFAULT_MAX_IN_FLIGHT_BYTES = 16 * 1024 * 1024

interface Pending {
  bytes: Uint8Array
  offset: number
  digest: Promise<ArrayBuffer>
  settled: boolean
}

function startDigest(bytes: Uint8Array, offset: number): Pending {
  // WebCrypto copies the input and hashes it on the threadpool, in parallel with chunking.
  const pending: Pending = { bytes, offset, digest: webcrypto.subtle.digest('SHA-256', bytes), settled: false }
  pending.digest.then(
    () => {
      pending.settled = true
    },
    () => {
      // Handled here so a chunk never yielded (early return) cannot reject unhandled;
      // the rejection is rethrown when this chunk is awaited.
      pending.settled = true
    },
  )
  return pending
}

async function toChunk(pending: Pending): Promise<Chunk> {
  const digest = new Uint8Array(await pending.digest)
  return { cid: cidFromDigest(RAW_CODEC, digest), bytes: pending.bytes, offset: pending.offset }
}

/**
 * Splits `source` into content-defined chunks (FastCDC) and hashes them; yields them in
 * stream order. Boundaries do not depend on how `source` is split into blocks. Blocks must
 * not be mutated after they are yielded (chunks may be views of them).
 */
export async function* chunkStream(
  source: AsyncIterable<Uint8Array>,
  options: Partial<ChunkStreamOptions> = {},
): AsyncGenerator<Chunk> {
  const { maxInFlightBytes = DEFAULT_MAX_IN_FLIGHT_BYTES, scanner = 'wasm', signal, ...sizes } = options
  const chunker = new Chunker(sizes, scanner)
  const queue: Pending[] = []
  let inFlightBytes = 0
  let offset = 0

  const enqueue = (bytes: Uint8Array) => {
    queue.push(startDigest(bytes, offset))
    offset += bytes.length
    inFlightBytes += bytes.length
  }
  const dequeue = () => {
    const head = queue.shift()!
    inFlightBytes -= head.bytes.length
    return toChunk(head)
  }

  for await (const block of source) {
    signal?.throwIfAborted()
    for (const bytes of chunker.push(block)) enqueue(bytes)
    // Yield what is already hashed; wait only when too much is in flight.
    while (queue.length > 0 && (queue[0].settled || inFlightBytes > maxInFlightBytes)) yield await dequeue()
  }
  const last = chunker.finish()
  if (last) enqueue(last)
  while (queue.length > 0) {
    signal?.throwIfAborted()
    yield await dequeue()
  }
}
