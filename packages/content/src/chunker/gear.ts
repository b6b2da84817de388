/**
 * The gear table: 256 pseudo-random 32-bit words, one per byte value. Derived, not pasted:
 * GEAR[i] = first 4 bytes (big-endian) of SHA-256("netswarm-gear-v1:" + i). Changing it changes
 * every chunk boundary, so it is pinned by the golden-vector test.
 */
import { createHash } from 'node:crypto'

function deriveGear(): Uint32Array {
  const table = new Uint32Array(256)
  for (let i = 0; i < 256; i++) {
    table[i] = createHash('sha256').update(`netswarm-gear-v1:${i}`).digest().readUInt32BE(0)
  }
  return table
}

/** Gear table shared by the reference and the wasm scanner. */
export const GEAR: Uint32Array = deriveGear()
