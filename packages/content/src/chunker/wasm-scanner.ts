/**
 * FastCDC boundary finder in hand-written WebAssembly (fastcdc.wat): about 3x the pure-TS
 * loop (docs/chunking.md). Input is copied into a fixed scratch window of wasm memory, so
 * memory stays constant whatever the piece size.
 */
import { FASTCDC_WASM_BASE64 } from './fastcdc-wasm.generated.ts'
import { GEAR } from './gear.ts'
import { type ChunkerOptions, resolveChunkerOptions } from './options.ts'
import type { BoundaryScanner } from './scanner.ts'

/** Where input bytes are copied (the gear table occupies [0, 1024)). */
const WINDOW_OFFSET = 1024
/** Scratch window size: large enough that copies are cheap memcpys, small enough to stay constant. */
const WINDOW_BYTES = 1024 * 1024
const WASM_PAGE_BYTES = 65536

// The tsconfig lib (ES2023, no DOM) does not declare the WebAssembly global: type what is used.
interface WasmApi {
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object) => { exports: unknown }
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly

interface FastCdcExports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number }
  configure(min: number, avg: number, max: number, thresholdS: number, thresholdL: number): void
  reset(): void
  find(start: number, end: number): number
}

let compiled: object | undefined

/** The unsigned threshold equivalent to a high-bits mask: 2^(32 - bits) = two's complement of the mask. */
function thresholdOf(mask: number): number {
  return -mask | 0
}

function compile(): object {
  compiled ??= new wasmApi.Module(Buffer.from(FASTCDC_WASM_BASE64, 'base64'))
  return compiled
}

/** Creates a wasm scanner; each has its own instance (state and scratch memory). */
export function createWasmScanner(options: Partial<ChunkerOptions> = {}): BoundaryScanner {
  const { minSize, avgSize, maxSize, maskS, maskL } = resolveChunkerOptions(options)
  const wasm = new wasmApi.Instance(compile()).exports as unknown as FastCdcExports
  const needed = Math.ceil((WINDOW_OFFSET + WINDOW_BYTES) / WASM_PAGE_BYTES)
  const pages = wasm.memory.buffer.byteLength / WASM_PAGE_BYTES
  if (pages < needed) wasm.memory.grow(needed - pages)
  // Little-endian u32 gear table at address 0 (wasm memory is little-endian).
  new Uint32Array(wasm.memory.buffer, 0, 256).set(GEAR)
  const window = new Uint8Array(wasm.memory.buffer, WINDOW_OFFSET, WINDOW_BYTES)
  // (h & highBitsMask) === 0 is h < 2^(32 - bits) unsigned: the wasm tests that single compare.
  wasm.configure(minSize, avgSize, maxSize, thresholdOf(maskS), thresholdOf(maskL))

  return {
    reset() {
      wasm.reset()
    },
    scan(piece) {
      const cuts: number[] = []
      for (let base = 0; base < piece.length; base += WINDOW_BYTES) {
        const length = Math.min(WINDOW_BYTES, piece.length - base)
        window.set(piece.subarray(base, base + length))
        const end = WINDOW_OFFSET + length
        let at = WINDOW_OFFSET
        while (at < end) {
          const cut = wasm.find(at, end)
          if (cut < 0) break
          cuts.push(base + cut - WINDOW_OFFSET)
          at = cut
        }
      }
      return cuts
    },
  }
}
