/**
 * SHA-256 on a worker thread, reading the input straight out of shared memory (the wasm
 * chunker's ring, see chunk-stream.ts): the main thread posts only offsets, never bytes.
 * Measured against the alternatives in docs/chunking.md.
 */
import { Worker } from 'node:worker_threads'

/** Worker source, evaluated as CommonJS so the thread needs no TypeScript loader. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const { createHash } = require('node:crypto')
const memory = new Uint8Array(workerData.shared)
// A batch is [rangeCount, offset, length, ...] per job; the reply is their digests, concatenated.
parentPort.on('message', (batch) => {
  const digests = []
  for (let i = 0; i < batch.length; ) {
    const hash = createHash('sha256')
    for (let end = i + 1 + 2 * batch[i], j = i + 1; j < end; j += 2) {
      hash.update(memory.subarray(batch[j], batch[j] + batch[j + 1]))
    }
    digests.push(hash.digest())
    i += 1 + 2 * batch[i]
  }
  const out = new Uint8Array(32 * digests.length)
  digests.forEach((digest, k) => out.set(digest, 32 * k))
  parentPort.postMessage(out, [out.buffer])
})
`

interface Job {
  resolve(digest: Uint8Array): void
  reject(error: Error): void
}

/** One worker thread hashing byte ranges of a SharedArrayBuffer, in FIFO order. */
export class DigestWorker {
  readonly shared: SharedArrayBuffer
  readonly #worker: Worker
  /** Jobs sent, oldest first; the worker completes them in this order. */
  readonly #inFlight: Job[] = []
  /** Jobs not yet posted: everything submitted in one synchronous run goes in one message,
   * because a postMessage measured ~100 us of main-thread time under load. */
  #batch: number[] = []
  #failure: Error | undefined

  constructor(shared: SharedArrayBuffer) {
    this.shared = shared
    this.#worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { shared } })
    this.#worker.unref() // an idle hasher must not keep the process alive
    this.#worker.on('message', (digests: Uint8Array) => this.#onDigests(digests))
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
   * SHA-256 of the concatenation of `ranges` ([offset, length, offset, length, ...]) of the
   * shared memory. The caller must not overwrite those bytes until the promise settles.
   */
  digest(ranges: number[]): Promise<Uint8Array> {
    if (this.#failure) return Promise.reject(this.#failure)
    // Keep the process alive only while results are awaited.
    if (this.#inFlight.length === 0) this.#worker.ref()
    if (this.#batch.length === 0) queueMicrotask(() => this.#flush())
    this.#batch.push(ranges.length / 2, ...ranges)
    return new Promise<Uint8Array>((resolve, reject) => {
      this.#inFlight.push({ resolve, reject })
    })
  }

  #flush(): void {
    if (this.#batch.length === 0 || this.#failure) return
    this.#worker.postMessage(this.#batch)
    this.#batch = []
  }

  /** Stops the thread; pending jobs reject. */
  async terminate(): Promise<void> {
    this.#fail(new Error('digest worker terminated'))
    await this.#worker.terminate()
  }

  #onDigests(digests: Uint8Array): void {
    for (let at = 0; at < digests.length; at += 32) {
      const job = this.#inFlight.shift()
      if (!job) return
      if (this.#inFlight.length === 0) this.#worker.unref()
      job.resolve(digests.subarray(at, at + 32))
    }
  }

  #fail(error: Error): void {
    if (this.#failure) return
    this.#failure = error
    this.#batch = []
    for (const job of this.#inFlight) job.reject(error)
    this.#inFlight.length = 0
  }
}
