/**
 * chunkStream: content-defined chunking plus SHA-256 of every chunk, pipelined. Boundaries are
 * found on this thread (wasm) while digests are computed on a worker thread (digest-worker.ts),
 * with a bounded number of bytes in flight so memory stays constant. See docs/chunking.md.
 */
import type { CID } from 'multiformats/cid'
import { Chunker, type ScannerKind } from './chunker/chunker.ts'
import type { ChunkerOptions } from './chunker/options.ts'
import { cidFromDigest, RAW_CODEC, sha256 } from './cid.ts'
import { acquireDigestWorker, type DigestWorker, releaseDigestWorker } from './digest-worker.ts'

/** A chunk of a stream: its CID, bytes and offset in the stream. */
export interface Chunk {
  cid: CID
  bytes: Uint8Array
  offset: number
}

/** Where chunk digests are computed. */
export type HasherKind = 'auto' | 'worker' | 'sync'

/** Options of chunkStream beyond the size parameters. */
export interface ChunkStreamOptions extends ChunkerOptions {
  /**
   * 'sync' hashes on this thread; 'worker' also uses a worker thread in parallel with
   * chunking (this thread hashes whatever the worker's ring has no room for); 'auto' is
   * 'worker' once 4 MiB have been read (a small file never starts a thread). @default 'auto'
   */
  hasher: HasherKind
  /** Size of the worker's ring; at most twice this many bytes are hashed but not yet yielded. @default 16 MiB */
  maxInFlightBytes: number
  /** Boundary finder implementation. @default 'wasm' */
  scanner: ScannerKind
  /** Aborts the iteration (throws the signal's reason). */
  signal: AbortSignal | undefined
}

const DEFAULT_MAX_IN_FLIGHT_BYTES = 16 * 1024 * 1024
/** 'auto' starts the hashing thread only past this offset: for less, a thread costs more than it saves. */
const AUTO_WORKER_AFTER_BYTES = 4 * 1024 * 1024

interface Pending {
  bytes: Uint8Array
  offset: number
  digest: Uint8Array | undefined
  promise: Promise<Uint8Array> | undefined
}

function track(entry: Pending, promise: Promise<Uint8Array>): Pending {
  entry.promise = promise
  // Handled here so a chunk never yielded (early return) cannot reject unhandled; the
  // rejection is rethrown when the chunk is awaited.
  promise.then(
    (digest) => {
      entry.digest = digest
    },
    () => {},
  )
  return entry
}

async function settle(entry: Pending): Promise<Chunk> {
  const digest = entry.digest ?? (await entry.promise!)
  return { cid: cidFromDigest(RAW_CODEC, digest), bytes: entry.bytes, offset: entry.offset }
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
  const {
    hasher = 'auto',
    maxInFlightBytes = DEFAULT_MAX_IN_FLIGHT_BYTES,
    scanner = 'wasm',
    signal,
    ...sizes
  } = options
  const chunker = new Chunker(sizes, scanner)
  const workerAfter = hasher === 'sync' ? Number.POSITIVE_INFINITY : hasher === 'worker' ? 0 : AUTO_WORKER_AFTER_BYTES
  // The ring must hold two maximum-size chunks so one can be hashed while the next is copied in.
  const ringBytes = Math.max(maxInFlightBytes, 2 * (sizes.maxSize ?? 0), 2 * 1024 * 1024)
  const queue: Pending[] = []
  let queuedBytes = 0 // bytes of chunks hashed here but waiting behind worker jobs
  let worker: DigestWorker | undefined
  let offset = 0

  const next = async (): Promise<Chunk> => {
    const entry = queue.shift()!
    if (entry.promise === undefined) queuedBytes -= entry.bytes.length
    return settle(entry)
  }

  try {
    const chunks = async function* (): AsyncGenerator<Uint8Array> {
      for await (const block of source) {
        signal?.throwIfAborted()
        yield* chunker.push(block)
      }
      const last = chunker.finish()
      if (last) yield last
    }
    for await (const bytes of chunks()) {
      const entry: Pending = { bytes, offset, digest: undefined, promise: undefined }
      // Started early so the thread boots while this one keeps hashing.
      if (offset >= workerAfter) worker ??= acquireDigestWorker(ringBytes)
      const promise = worker?.trySubmit(bytes)
      if (promise) {
        track(entry, promise)
      } else {
        // No worker, or its ring is full (still booting, or starved of CPU): hash here rather
        // than wait, which balances the load between the two threads.
        while (queuedBytes + bytes.length > ringBytes && queue.length > 0) yield await next()
        entry.digest = sha256(bytes)
        queuedBytes += bytes.length
      }
      queue.push(entry)
      offset += bytes.length
      while (queue.length > 0 && queue[0].digest !== undefined) yield await next()
    }
    while (queue.length > 0) {
      signal?.throwIfAborted()
      yield await next()
    }
  } finally {
    if (worker) releaseDigestWorker(worker)
  }
}
