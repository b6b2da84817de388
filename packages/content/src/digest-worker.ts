/**
 * SHA-256 on a worker thread, reading input straight out of shared memory (the wasm chunker's
 * ring, see chunk-stream.ts), with work sharing: jobs sit in a shared table and either thread
 * may claim one (compare-and-swap on its state), so when the worker falls behind (not yet
 * started, or starved of CPU on a busy machine) the main thread hashes the oldest jobs itself
 * instead of waiting. No message is posted per job: publishing one is two atomic stores.
 */
import { createHash } from 'node:crypto'
import { Worker } from 'node:worker_threads'

/** Jobs that may be outstanding (published and not yet taken) at once. */
export const DIGEST_JOB_SLOTS = 1024

// Layout of the control SharedArrayBuffer, in Int32 words.
const PUBLISHED = 0 // number of jobs published so far (job ids are 0, 1, 2, ...)
const STOP = 1 // set to 1 to end the worker loop
const CURSOR = 2 // id of the next job the worker will look at (it has passed every job before it)
const STATES = 3 // per slot: UNCLAIMED, WORKER, WRITING, DONE or MAIN
const JOBS = STATES + DIGEST_JOB_SLOTS // per slot: offset, length, offset2, length2
const DIGESTS_BYTE_OFFSET = (JOBS + 4 * DIGEST_JOB_SLOTS) * 4
const CONTROL_BYTES = DIGESTS_BYTE_OFFSET + 32 * DIGEST_JOB_SLOTS

const UNCLAIMED = 0
const WORKER = 1 // claimed by the worker, being hashed
const DONE = 2 // hashed by the worker; digest in the slot
const MAIN = 3 // claimed by the main thread (before the worker, or taken over from it)
const WRITING = 4 // the worker is writing the digest into the slot

/**
 * How long take() waits for a job the worker is hashing before hashing it itself. The worker
 * needs under a millisecond for a 1 MiB chunk when it runs; a longer wait means it was
 * descheduled (a busy machine), and hashing the chunk again here is cheaper than waiting.
 */
const TAKE_OVER_AFTER_MS = 2

/** Worker source, evaluated as CommonJS so the thread needs no TypeScript loader. */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads')
const { createHash } = require('node:crypto')
const { PUBLISHED, STOP, CURSOR, STATES, JOBS, DIGESTS_BYTE_OFFSET, SLOTS } = workerData.layout
const memory = new Uint8Array(workerData.shared)
const control = new Int32Array(workerData.control)
const digests = new Uint8Array(workerData.control, DIGESTS_BYTE_OFFSET, 32 * SLOTS)
let cursor = workerData.firstJob
while (Atomics.load(control, STOP) === 0) {
  const published = Atomics.load(control, PUBLISHED)
  if (cursor === published) {
    Atomics.wait(control, PUBLISHED, published)
    continue
  }
  const slot = cursor % SLOTS
  if (Atomics.compareExchange(control, STATES + slot, ${UNCLAIMED}, ${WORKER}) === ${UNCLAIMED}) {
    const job = JOBS + 4 * slot
    const hash = createHash('sha256').update(memory.subarray(control[job], control[job] + control[job + 1]))
    if (control[job + 3] > 0) hash.update(memory.subarray(control[job + 2], control[job + 2] + control[job + 3]))
    const digest = hash.digest()
    // The main thread may have taken the job over meanwhile (and the slot may hold a newer
    // job): publish the digest only if the job is still ours.
    if (Atomics.compareExchange(control, STATES + slot, ${WORKER}, ${WRITING}) === ${WORKER}) {
      digests.set(digest, 32 * slot)
      Atomics.store(control, STATES + slot, ${DONE})
      Atomics.notify(control, STATES + slot)
    }
  }
  cursor++
  Atomics.store(control, CURSOR, cursor)
}
`

type WaitAsync = (
  array: Int32Array,
  index: number,
  value: number,
  timeout?: number,
) => { async: false; value: string } | { async: true; value: Promise<string> }
// ES2024 (in Node 20's V8), not in the tsconfig lib.
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync

/** One worker thread hashing byte ranges of a SharedArrayBuffer, sharing its job queue. */
export class DigestWorker {
  readonly shared: SharedArrayBuffer
  readonly #memory: Uint8Array
  readonly #control: Int32Array
  readonly #digests: Uint8Array
  readonly #worker: Worker
  #published = 0
  #taken = 0 // jobs before this id have been taken (slots free again)
  #failure: Error | undefined

  constructor(shared: SharedArrayBuffer) {
    this.shared = shared
    this.#memory = new Uint8Array(shared)
    const control = new SharedArrayBuffer(CONTROL_BYTES)
    this.#control = new Int32Array(control)
    this.#digests = new Uint8Array(control, DIGESTS_BYTE_OFFSET, 32 * DIGEST_JOB_SLOTS)
    const layout = { PUBLISHED, STOP, CURSOR, STATES, JOBS, DIGESTS_BYTE_OFFSET, SLOTS: DIGEST_JOB_SLOTS }
    this.#worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { shared, control, layout, firstJob: 0 } })
    this.#worker.unref() // an idle hasher must not keep the process alive
    this.#worker.on('error', (error) => this.#fail(error))
    this.#worker.on('exit', (code) => this.#fail(new Error(`digest worker exited with code ${code}`)))
  }

  /** Jobs published and not yet taken. */
  get pending(): number {
    return this.#published - this.#taken
  }

  /**
   * Jobs published that the worker has not reached yet: how far it lags behind. The caller
   * hashes new chunks itself while this is high (chunk-stream.ts), while they are still in
   * its cache, instead of queueing more.
   */
  get backlog(): number {
    return this.#published - Atomics.load(this.#control, CURSOR)
  }

  /** True once the thread failed or was terminated; such a worker is not reused. */
  get failed(): boolean {
    return this.#failure !== undefined
  }

  /**
   * Publishes a job: SHA-256 of memory[offset, offset + length) followed by
   * memory[offset2, offset2 + length2]. Returns its id. The caller must not overwrite those
   * bytes until the job is taken, and may have at most DIGEST_JOB_SLOTS jobs outstanding.
   */
  publish(offset: number, length: number, offset2 = 0, length2 = 0): number {
    if (this.#failure) throw this.#failure
    if (this.pending >= DIGEST_JOB_SLOTS) throw new RangeError('too many digest jobs outstanding')
    const id = this.#published
    const slot = id % DIGEST_JOB_SLOTS
    const job = JOBS + 4 * slot
    // Plain stores (no array literal, no TypedArray#set on shared memory); the atomic store of
    // PUBLISHED below orders them before the worker can see the job.
    this.#control[job] = offset
    this.#control[job + 1] = length
    this.#control[job + 2] = offset2
    this.#control[job + 3] = length2
    Atomics.store(this.#control, STATES + slot, UNCLAIMED)
    this.#published = id + 1
    Atomics.store(this.#control, PUBLISHED, this.#published)
    Atomics.notify(this.#control, PUBLISHED)
    // Keep the event loop alive while a job may be awaited (waitAsync alone does not).
    if (this.pending === 1) this.#worker.ref()
    return id
  }

  /** The digest of the oldest outstanding job `id` if the worker has finished it, else undefined. */
  poll(id: number): Uint8Array | undefined {
    const slot = this.#checkOldest(id)
    return Atomics.load(this.#control, STATES + slot) === DONE ? this.#take(slot) : undefined
  }

  /**
   * Takes the oldest outstanding job `id`: its digest if the worker has finished it; hashes it
   * here if the worker has not started it; otherwise waits for the worker to finish it, or
   * after TAKE_OVER_AFTER_MS hashes it here too (the worker's late result is then dropped).
   */
  async take(id: number): Promise<Uint8Array> {
    const slot = this.#checkOldest(id)
    const state = STATES + slot
    if (Atomics.compareExchange(this.#control, state, UNCLAIMED, MAIN) === UNCLAIMED) return this.#hashHere(slot)
    for (;;) {
      if (this.#failure) throw this.#failure
      const current = Atomics.load(this.#control, state)
      if (current === DONE) return this.#take(slot)
      // WORKER (hashing) or WRITING (storing the digest, then DONE and a notify).
      const wait = waitAsync(this.#control, state, current, current === WORKER ? TAKE_OVER_AFTER_MS : undefined)
      const outcome = wait.async ? await wait.value : wait.value
      if (outcome === 'timed-out' && Atomics.compareExchange(this.#control, state, WORKER, MAIN) === WORKER) {
        // The bytes stay put until this job is taken, so hashing them here is safe.
        return this.#hashHere(slot)
      }
    }
  }

  /** Stops the thread. */
  async terminate(): Promise<void> {
    this.#fail(new Error('digest worker terminated'))
    Atomics.store(this.#control, STOP, 1)
    Atomics.notify(this.#control, PUBLISHED)
    await this.#worker.terminate()
  }

  #checkOldest(id: number): number {
    if (this.#failure) throw this.#failure
    if (id !== this.#taken || id >= this.#published) throw new RangeError('digest jobs must be taken in order')
    return id % DIGEST_JOB_SLOTS
  }

  /** Hashes job `slot` on this thread (claimed by it) and takes it. */
  #hashHere(slot: number): Uint8Array {
    const job = JOBS + 4 * slot
    const control = this.#control
    const hash = createHash('sha256').update(this.#memory.subarray(control[job], control[job] + control[job + 1]))
    if (control[job + 3] > 0) hash.update(this.#memory.subarray(control[job + 2], control[job + 2] + control[job + 3]))
    this.#advance()
    return new Uint8Array(hash.digest())
  }

  #take(slot: number): Uint8Array {
    const digest = this.#digests.slice(32 * slot, 32 * slot + 32)
    this.#advance()
    return digest
  }

  #advance(): void {
    this.#taken++
    if (this.pending === 0) this.#worker.unref()
  }

  #fail(error: Error): void {
    if (this.#failure) return
    this.#failure = error
    // Wake a take() waiting on a job the dead worker will never finish.
    for (let slot = 0; slot < DIGEST_JOB_SLOTS; slot++) Atomics.notify(this.#control, STATES + slot)
  }
}
