/**
 * FastCDC boundary finder in hand-written WebAssembly (fastcdc.wat), several times the pure-TS
 * loop (docs/chunking.md). The module's memory is shared, so a worker thread can hash chunks
 * straight out of it (chunk-stream.ts).
 */
import { FASTCDC_WASM_BASE64 } from './fastcdc-wasm.generated.ts'
import { GEAR } from './gear.ts'
import { type ChunkerOptions, type ResolvedChunkerOptions, resolveChunkerOptions } from './options.ts'
import type { BoundaryScanner } from './scanner.ts'

/** First address after the gear table, where input bytes go. */
export const INPUT_OFFSET = 1024
/** Scratch window of createWasmScanner: large enough for cheap memcpys, small enough to stay constant. */
const WINDOW_BYTES = 1024 * 1024
const WASM_PAGE_BYTES = 65536
/** The module's declared maximum memory (1040 pages). */
export const MAX_INPUT_BYTES = 1040 * WASM_PAGE_BYTES - INPUT_OFFSET

// The tsconfig lib (ES2023, no DOM) does not declare the WebAssembly global: type what is used.
interface WasmApi {
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object) => { exports: unknown }
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly

interface FastCdcExports {
  memory: { buffer: SharedArrayBuffer; grow(pages: number): number }
  configure(min: number, avg: number, max: number, thresholdS: number, thresholdL: number): void
  reset(): void
  find(start: number, end: number): number
}

let compiled: object | undefined

function compile(): object {
  compiled ??= new wasmApi.Module(Buffer.from(FASTCDC_WASM_BASE64, 'base64'))
  return compiled
}

/** The unsigned threshold equivalent to a high-bits mask: 2^(32 - bits) = two's complement of the mask. */
function thresholdOf(mask: number): number {
  return -mask | 0
}

/** One wasm instance: its shared memory and the FastCDC state machine. */
export class FastCdcInstance {
  /** Whole wasm memory; input goes at INPUT_OFFSET. A Buffer because Buffer#copy is a plain
   * memmove, while TypedArray#set into shared memory is a slower relaxed-atomic copy. */
  readonly memory: Buffer
  readonly shared: SharedArrayBuffer
  readonly #wasm: FastCdcExports

  /** Creates an instance with room for `inputBytes` of input after the gear table. */
  constructor(inputBytes: number) {
    if (inputBytes > MAX_INPUT_BYTES) throw new RangeError(`input area larger than ${MAX_INPUT_BYTES} bytes`)
    this.#wasm = new wasmApi.Instance(compile()).exports as unknown as FastCdcExports
    const needed = Math.ceil((INPUT_OFFSET + inputBytes) / WASM_PAGE_BYTES)
    const pages = this.#wasm.memory.buffer.byteLength / WASM_PAGE_BYTES
    if (pages < needed) this.#wasm.memory.grow(needed - pages)
    this.shared = this.#wasm.memory.buffer // after growing: a shared memory's buffer is replaced
    this.memory = Buffer.from(this.shared)
    // Little-endian u32 gear table at address 0 (wasm memory is little-endian).
    new Uint32Array(this.shared, 0, 256).set(GEAR)
  }

  /** Sets the size parameters and starts a new chunk. */
  configure(options: ResolvedChunkerOptions): void {
    const { minSize, avgSize, maxSize, maskS, maskL } = options
    // (h & highBitsMask) === 0 is h < 2^(32 - bits) unsigned: the wasm tests that single compare.
    this.#wasm.configure(minSize, avgSize, maxSize, thresholdOf(maskS), thresholdOf(maskL))
  }

  /** Starts a new chunk. */
  reset(): void {
    this.#wasm.reset()
  }

  /** Addresses just past every cut in memory[start, end), in order (state carries over). */
  findAll(start: number, end: number, cuts: number[] = []): number[] {
    let at = start
    while (at < end) {
      const cut = this.#wasm.find(at, end)
      if (cut < 0) break
      cuts.push(cut)
      at = cut
    }
    return cuts
  }
}

/** Creates a wasm scanner; each has its own instance (state and scratch memory). */
export function createWasmScanner(options: Partial<ChunkerOptions> = {}): BoundaryScanner {
  const resolved = resolveChunkerOptions(options)
  const instance = new FastCdcInstance(WINDOW_BYTES)
  instance.configure(resolved)
  return {
    reset() {
      instance.reset()
    },
    scan(piece) {
      const cuts: number[] = []
      const source = Buffer.from(piece.buffer, piece.byteOffset, piece.length)
      for (let base = 0; base < piece.length; base += WINDOW_BYTES) {
        const length = Math.min(WINDOW_BYTES, piece.length - base)
        source.copy(instance.memory, INPUT_OFFSET, base, base + length)
        for (const cut of instance.findAll(INPUT_OFFSET, INPUT_OFFSET + length)) cuts.push(base + cut - INPUT_OFFSET)
      }
      return cuts
    },
  }
}
