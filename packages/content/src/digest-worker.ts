/**
 * SHA-256 on a worker thread, fed through a shared ring buffer. Measured faster than
 * WebCrypto's `subtle.digest` (docs/chunking.md): that copies every input into freshly
 * allocated memory on the calling thread, which cost the main thread about as much as the
 * hash it offloads. Here the main thread does one memcpy into already-mapped shared memory.
 */
import { Worker } from 'node:worker_threads'

/** Worker source, evaluated as CommonJS so the thread needs no TypeScript loader. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const { createHash } = require('node:crypto')
const ring = new Uint8Array(workerData.ring)
parentPort.on('message', (job) => {
  const digest = createHash('sha256').update(ring.subarray(job[0], job[0] + job[1])).digest()
  const out = new Uint8Array(32)
  out.set(digest)
  parentPort.postMessage(out, [out.buffer])
})
`

interface Job {
  /** Bytes of the ring this job holds (its input plus any tail skipped to wrap before it). */
  extent: number
  resolve(digest: Uint8Array): void
  reject(error: Error): void
}

/**
 * One worker thread hashing jobs in FIFO order out of a private SharedArrayBuffer ring, so at
 * most `ringBytes` bytes are ever in flight. Single producer: only one caller may submit.
 */
export class DigestWorker {
  readonly ringBytes: number
  readonly #ring: Uint8Array
  readonly #worker: Worker
  /** Jobs sent, oldest first; the worker completes them in this order. */
  readonly #inFlight: Job[] = []
  #head = 0 // next free byte
  #used = 0 // bytes held by in-flight jobs
  #failure: Error | undefined

  constructor(ringBytes: number) {
    this.ringBytes = ringBytes
    const shared = new SharedArrayBuffer(ringBytes)
    this.#ring = new Uint8Array(shared)
    this.#worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { ring: shared } })
    this.#worker.unref() // an idle hasher must not keep the process alive
    this.#worker.on('message', (digest: Uint8Array) => this.#onDigest(digest))
    this.#worker.on('error', (error) => this.#fail(error))
    this.#worker.on('exit', (code) => this.#fail(new Error(`digest worker exited with code ${code}`)))
  }

  /** Jobs submitted and not yet completed. */
  get pending(): number {
    return this.#inFlight.length
  }

  /** True once the thread failed or was terminated; such a worker is not reused. */
  get failed(): boolean {
    return this.#failure !== undefined
  }

  /**
   * Copies `bytes` into the ring and starts hashing it; returns its SHA-256, or `undefined`
   * when the ring is too full right now (await an earlier job, then retry). Throws if the
   * worker failed or `bytes` can never fit (more than half the ring).
   */
  trySubmit(bytes: Uint8Array): Promise<Uint8Array> | undefined {
    if (this.#failure) throw this.#failure
    if (bytes.length > this.ringBytes / 2) throw new RangeError('input larger than half the digest ring')
    let start = this.#head
    let skipped = 0
    if (start + bytes.length > this.ringBytes) {
      skipped = this.ringBytes - start // leave the tail unused and wrap to 0
      start = 0
    }
    // Occupied space is contiguous (mod ring) from the oldest job to #head, so this check
    // guarantees [start, start + length) is free.
    if (this.#used + skipped + bytes.length > this.ringBytes) return undefined
    this.#ring.set(bytes, start)
    this.#head = start + bytes.length
    this.#used += skipped + bytes.length
    // Keep the process alive only while results are awaited (an idle worker is unref'd).
    if (this.#inFlight.length === 0) this.#worker.ref()
    return new Promise<Uint8Array>((resolve, reject) => {
      this.#inFlight.push({ extent: skipped + bytes.length, resolve, reject })
      this.#worker.postMessage([start, bytes.length])
    })
  }

  /** Stops the thread; pending jobs reject. */
  async terminate(): Promise<void> {
    this.#fail(new Error('digest worker terminated'))
    await this.#worker.terminate()
  }

  #onDigest(digest: Uint8Array): void {
    const job = this.#inFlight.shift()
    if (!job) return
    this.#used -= job.extent
    if (this.#inFlight.length === 0) {
      this.#head = 0 // empty ring: restart at 0 so large inputs need not wrap
      this.#used = 0
      this.#worker.unref()
    }
    job.resolve(digest)
  }

  #fail(error: Error): void {
    if (this.#failure) return
    this.#failure = error
    for (const job of this.#inFlight) job.reject(error)
    this.#inFlight.length = 0
  }
}

const idle: DigestWorker[] = []

/** Takes an idle worker with a ring of `ringBytes`, or starts one. */
export function acquireDigestWorker(ringBytes: number): DigestWorker {
  const index = idle.findIndex((worker) => worker.ringBytes === ringBytes)
  return index >= 0 ? idle.splice(index, 1)[0] : new DigestWorker(ringBytes)
}

/** Returns a worker for reuse if it is idle and healthy; otherwise stops it. */
export function releaseDigestWorker(worker: DigestWorker): void {
  if (worker.pending === 0 && !worker.failed && idle.length < 2) idle.push(worker)
  else void worker.terminate()
}
