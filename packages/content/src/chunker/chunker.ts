/**
 * Synchronous streaming chunker: feed blocks of any size, get whole chunks back. Holds at
 * most one partial chunk (< maxSize) as references to the input blocks, so memory is bounded
 * by maxSize plus one block. Input blocks must not be mutated after being pushed.
 */
import type { ChunkerOptions } from './options.ts'
import { createReferenceScanner } from './reference-scanner.ts'
import type { BoundaryScanner } from './scanner.ts'
import { createWasmScanner } from './wasm-scanner.ts'

/** Which boundary-finder implementation to use (both give identical cuts). */
export type ScannerKind = 'wasm' | 'reference'

/** Splits a byte stream into content-defined chunks. */
export class Chunker {
  readonly #scanner: BoundaryScanner
  #parts: Uint8Array[] = []
  #partLength = 0

  constructor(options: Partial<ChunkerOptions> = {}, kind: ScannerKind = 'wasm') {
    this.#scanner = kind === 'wasm' ? createWasmScanner(options) : createReferenceScanner(options)
  }

  /** Feeds the next block; returns the chunks it completes, in order. */
  push(block: Uint8Array): Uint8Array[] {
    const chunks: Uint8Array[] = []
    let start = 0
    for (const cut of this.#scanner.scan(block)) {
      chunks.push(this.#take(block.subarray(start, cut)))
      start = cut
    }
    if (start < block.length) {
      this.#parts.push(block.subarray(start))
      this.#partLength += block.length - start
    }
    return chunks
  }

  /** Ends the stream: returns the last (possibly short) chunk, if any bytes are left. */
  finish(): Uint8Array | undefined {
    this.#scanner.reset()
    if (this.#partLength === 0) return undefined
    return this.#take(new Uint8Array(0))
  }

  /** Joins the buffered parts with `tail` into one chunk (zero-copy when nothing is buffered). */
  #take(tail: Uint8Array): Uint8Array {
    if (this.#parts.length === 0) return tail
    const chunk = new Uint8Array(this.#partLength + tail.length)
    let at = 0
    for (const part of this.#parts) {
      chunk.set(part, at)
      at += part.length
    }
    chunk.set(tail, at)
    this.#parts = []
    this.#partLength = 0
    return chunk
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
