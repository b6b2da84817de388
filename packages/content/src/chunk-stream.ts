/**
 * chunkStream: content-defined chunking plus SHA-256 of every chunk, pipelined.
 *
 * Input is copied once into a ring in the wasm chunker's shared memory; the wasm code finds
 * cut points there, and a worker thread hashes each finished chunk straight out of the ring
 * while this thread moves on. Ring space is released only when a chunk's digest arrives, so
 * at most `maxInFlightBytes` are in flight and memory stays constant. See docs/chunking.md.
 */
import type { CID } from 'multiformats/cid'
import { ChunkAssembler } from './chunker/chunk-assembler.ts'
import { Chunker, type ScannerKind } from './chunker/chunker.ts'
import { type ChunkerOptions, resolveChunkerOptions } from './chunker/options.ts'
import { FastCdcInstance, INPUT_OFFSET, MAX_INPUT_BYTES } from './chunker/wasm-scanner.ts'
import { cidFromDigest, RAW_CODEC, sha256 } from './cid.ts'
import { DIGEST_JOB_SLOTS, DigestWorker } from './digest-worker.ts'

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
   * 'sync' hashes on this thread; 'worker' on a worker thread, in parallel with chunking;
   * 'auto' starts the thread once 4 MiB have been read (a small file never pays for it), or
   * at once when an idle one is available. @default 'auto'
   */
  hasher: HasherKind
  /** Ring size: most bytes read but not yet hashed (bounds memory). At least 2 x maxSize. @default 16 MiB */
  maxInFlightBytes: number
  /** Boundary finder implementation ('reference' is slow and hashes synchronously). @default 'wasm' */
  scanner: ScannerKind
  /**
   * While the hashing worker lags this many published chunks behind, this thread hashes each
   * new chunk itself right after cutting it (its bytes still in this core's cache) instead of
   * queueing it: both threads stay busy, and the ring does not fill up (then stall) when the
   * worker is slower or descheduled. `Infinity` queues everything (only a full ring makes this
   * thread hash). @default 4
   */
  mainHashBacklog: number
  /** Aborts the iteration (throws the signal's reason). */
  signal: AbortSignal | undefined
}

const DEFAULT_MAX_IN_FLIGHT_BYTES = 16 * 1024 * 1024
/** 'auto' starts a hashing thread only past this offset: for less, a thread costs more than it saves. */
const AUTO_WORKER_AFTER_BYTES = 4 * 1024 * 1024
const DEFAULT_MAIN_HASH_BACKLOG = 4
/** Idle rings (wasm instance + worker) kept for reuse, so later streams skip the thread start. */
const MAX_IDLE_RINGS = 2

/** A wasm instance whose memory holds the ring, and the worker hashing out of it. */
interface Ring {
  instance: FastCdcInstance
  bytes: number
  worker: DigestWorker | undefined
}

const idleRings: Ring[] = []

function acquireRing(bytes: number): Ring {
  const index = idleRings.findIndex((ring) => ring.bytes === bytes)
  if (index >= 0) return idleRings.splice(index, 1)[0]
  return { instance: new FastCdcInstance(bytes), bytes, worker: undefined }
}

/** Keeps a ring for reuse if its worker is idle and healthy; otherwise stops the worker. */
function releaseRing(ring: Ring): void {
  const worker = ring.worker
  const reusable = worker === undefined || (worker.pending === 0 && !worker.failed)
  if (reusable && idleRings.length < MAX_IDLE_RINGS) idleRings.push(ring)
  else void worker?.terminate()
}

interface Pending {
  bytes: Uint8Array
  offset: number
  /** Set once known (hashed here, or taken from the worker). */
  digest: Uint8Array | undefined
  /** The worker job hashing it, if any. */
  job: number | undefined
  /** Ring bytes to release when it is taken (its digest known and earlier chunks gone). */
  held: number
}

function toChunk(entry: Pending): Chunk {
  return { cid: cidFromDigest(RAW_CODEC, entry.digest!), bytes: entry.bytes, offset: entry.offset }
}

/** The slow path for scanner 'reference': chunk with the TS reference, hash synchronously. */
async function* referenceStream(
  source: AsyncIterable<Uint8Array>,
  sizes: Partial<ChunkerOptions>,
  signal: AbortSignal | undefined,
): AsyncGenerator<Chunk> {
  const chunker = new Chunker(sizes, 'reference')
  let offset = 0
  const emit = (bytes: Uint8Array): Chunk => {
    const chunk = { cid: cidFromDigest(RAW_CODEC, sha256(bytes)), bytes, offset }
    offset += bytes.length
    return chunk
  }
  for await (const block of source) {
    signal?.throwIfAborted()
    for (const bytes of chunker.push(block)) yield emit(bytes)
  }
  const last = chunker.finish()
  if (last) yield emit(last)
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
    mainHashBacklog = DEFAULT_MAIN_HASH_BACKLOG,
    scanner = 'wasm',
    signal,
    ...sizes
  } = options
  const resolved = resolveChunkerOptions(sizes)
  if (scanner === 'reference') {
    yield* referenceStream(source, sizes, signal)
    return
  }
  const ringBytes = Math.min(MAX_INPUT_BYTES, Math.max(maxInFlightBytes, 2 * resolved.maxSize))
  const workerAfter = hasher === 'sync' ? Number.POSITIVE_INFINITY : hasher === 'worker' ? 0 : AUTO_WORKER_AFTER_BYTES
  const ring = acquireRing(ringBytes)
  const { instance } = ring
  instance.configure(resolved)
  const assembler = new ChunkAssembler()
  const queue: Pending[] = []
  let head = 0 // ring offset where the next input byte goes
  let used = 0 // ring bytes holding the partial chunk and chunks not yet hashed
  let chunkStart = 0 // ring offset of the current chunk's first byte
  let offset = 0 // stream offset of the current chunk's first byte

  /** Queues the chunk that ends here for hashing; its bytes occupy the ring from chunkStart. */
  const submit = (bytes: Uint8Array) => {
    const length = bytes.length
    const entry: Pending = { bytes, offset, digest: undefined, job: undefined, held: length }
    if (ring.worker === undefined && offset >= workerAfter) ring.worker = new DigestWorker(instance.shared)
    const worker = hasher === 'sync' ? undefined : ring.worker
    if (worker !== undefined && worker.backlog >= mainHashBacklog) {
      // The worker is behind: hash here while the bytes are hot. Its ring bytes stay held
      // until it is taken in order, behind the worker's jobs.
      entry.digest = sha256(bytes)
    } else if (worker !== undefined) {
      const first = Math.min(length, ringBytes - chunkStart)
      // A chunk that wraps around the end of the ring is hashed as two ranges.
      entry.job = worker.publish(INPUT_OFFSET + chunkStart, first, INPUT_OFFSET, length - first)
    } else {
      // Only before any worker job (auto mode's start) or with no worker at all, so releasing
      // these ring bytes at once keeps `used` = the span from the oldest held byte to head.
      entry.digest = sha256(bytes)
      entry.held = 0
      used -= length
    }
    queue.push(entry)
    offset += length
    chunkStart = (chunkStart + length) % ringBytes
  }

  /** The oldest chunk, hashed: from the worker, or stolen and hashed here if it has not started it. */
  const takeOldest = async (): Promise<Chunk> => {
    const entry = queue.shift()!
    if (entry.digest === undefined) entry.digest = await ring.worker!.take(entry.job!)
    used -= entry.held // only now may its ring bytes be overwritten
    return toChunk(entry)
  }

  /** The oldest chunk if its digest is already known, without waiting or hashing. */
  const pollOldest = (): Chunk | undefined => {
    const entry = queue[0]
    if (entry === undefined) return undefined
    if (entry.digest === undefined) {
      const digest = ring.worker!.poll(entry.job!)
      if (digest === undefined) return undefined
      entry.digest = digest
    }
    queue.shift()
    used -= entry.held
    return toChunk(entry)
  }

  const jobSlotsFull = () => ring.worker !== undefined && ring.worker.pending >= DIGEST_JOB_SLOTS

  try {
    for await (const block of source) {
      signal?.throwIfAborted()
      const input = Buffer.from(block.buffer, block.byteOffset, block.length)
      let at = 0
      while (at < block.length) {
        // Ring full: take the oldest chunk (hashing it here if the worker is behind) to free space.
        while (used === ringBytes) yield await takeOldest()
        const n = Math.min(block.length - at, ringBytes - head, ringBytes - used)
        input.copy(instance.memory, INPUT_OFFSET + head, at, at + n) // memmove, unlike TypedArray#set on shared memory
        used += n
        let pieceStart = at
        for (const cut of instance.findAll(INPUT_OFFSET + head, INPUT_OFFSET + head + n)) {
          while (jobSlotsFull()) yield await takeOldest()
          const cutAt = at + (cut - INPUT_OFFSET - head)
          submit(assembler.take(block.subarray(pieceStart, cutAt)))
          pieceStart = cutAt
        }
        assembler.keep(block.subarray(pieceStart, at + n))
        head = (head + n) % ringBytes
        at += n
      }
      for (let chunk = pollOldest(); chunk !== undefined; chunk = pollOldest()) yield chunk
    }
    while (jobSlotsFull()) yield await takeOldest()
    if (assembler.length > 0) submit(assembler.take(new Uint8Array(0)))
    while (queue.length > 0) {
      signal?.throwIfAborted()
      yield await takeOldest()
    }
  } finally {
    instance.reset()
    releaseRing(ring)
  }
}
