/**
 * Collects the pieces of the chunk being cut (views of input blocks) and joins them when the
 * chunk ends: a chunk inside one block is a zero-copy view, one spanning blocks is one copy.
 */
export class ChunkAssembler {
  #parts: Uint8Array[] = []
  #length = 0

  /** Bytes held for the current (unfinished) chunk. */
  get length(): number {
    return this.#length
  }

  /** Keeps `piece` as the next part of the current chunk (a view: it must not change later). */
  keep(piece: Uint8Array): void {
    if (piece.length === 0) return
    this.#parts.push(piece)
    this.#length += piece.length
  }

  /** Ends the current chunk with `tail` and returns its bytes. */
  take(tail: Uint8Array): Uint8Array {
    if (this.#parts.length === 0) return tail
    // Unpooled and not zero-filled (every byte is overwritten below); returned as a plain Uint8Array.
    const memory = Buffer.allocUnsafeSlow(this.#length + tail.length)
    let at = 0
    for (const part of this.#parts) {
      memory.set(part, at)
      at += part.length
    }
    memory.set(tail, at)
    this.#parts = []
    this.#length = 0
    return new Uint8Array(memory.buffer, memory.byteOffset, memory.length)
  }
}
