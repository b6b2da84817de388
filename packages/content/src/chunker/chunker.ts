/**
 * Synchronous streaming chunker: feed blocks of any size, get whole chunks back. Holds at
 * most one partial chunk (< maxSize) as references to the input blocks, so memory is bounded
 * by maxSize plus one block. Input blocks must not be mutated after being pushed.
 */
import { ChunkAssembler } from './chunk-assembler.ts'
import type { ChunkerOptions } from './options.ts'
import { createReferenceScanner } from './reference-scanner.ts'
import type { BoundaryScanner } from './scanner.ts'
import { createWasmScanner } from './wasm-scanner.ts'

/** Which boundary-finder implementation to use (both give identical cuts). */
export type ScannerKind = 'wasm' | 'reference'

/** Splits a byte stream into content-defined chunks. */
export class Chunker {
  readonly #scanner: BoundaryScanner
  readonly #assembler = new ChunkAssembler()

  constructor(options: Partial<ChunkerOptions> = {}, kind: ScannerKind = 'wasm') {
    this.#scanner = kind === 'wasm' ? createWasmScanner(options) : createReferenceScanner(options)
  }

  /** Feeds the next block; returns the chunks it completes, in order. */
  push(block: Uint8Array): Uint8Array[] {
    const chunks: Uint8Array[] = []
    let start = 0
    for (const cut of this.#scanner.scan(block)) {
      chunks.push(this.#assembler.take(block.subarray(start, cut)))
      start = cut
    }
    this.#assembler.keep(block.subarray(start))
    return chunks
  }

  /** Ends the stream: returns the last (possibly short) chunk, if any bytes are left. */
  finish(): Uint8Array | undefined {
    this.#scanner.reset()
    if (this.#assembler.length === 0) return undefined
    return this.#assembler.take(new Uint8Array(0))
  }
}

/** Chunks a whole in-memory buffer (convenience for tests and small inputs). */
export function chunkBytes(bytes: Uint8Array, options: Partial<ChunkerOptions> = {}, kind: ScannerKind = 'wasm') {
  const chunker = new Chunker(options, kind)
  const chunks = chunker.push(bytes)
  const last = chunker.finish()
  if (last) chunks.push(last)
  return chunks
}
