/**
 * Pure-TS FastCDC boundary finder (normalized chunking, 32-bit gear hash): the readable
 * specification the wasm scanner is property-tested against. See docs/chunking.md.
 */
import { GEAR } from './gear.ts'
import { type ChunkerOptions, resolveChunkerOptions } from './options.ts'
import type { BoundaryScanner } from './scanner.ts'

/** Creates the reference (pure TypeScript) scanner. */
export function createReferenceScanner(options: Partial<ChunkerOptions> = {}): BoundaryScanner {
  const { minSize, avgSize, maxSize, maskS, maskL } = resolveChunkerOptions(options)
  const gear = Int32Array.from(GEAR)
  let pos = 0 // bytes already in the current chunk
  let h = 0 // gear hash since byte minSize of the current chunk

  return {
    reset() {
      pos = 0
      h = 0
    },
    scan(piece) {
      const cuts: number[] = []
      for (let i = 0; i < piece.length; i++) {
        // Byte number `pos` of the chunk (0-based); bytes before minSize are not hashed.
        if (pos >= minSize) {
          h = ((h << 1) + gear[piece[i]]) | 0
          if ((h & (pos < avgSize ? maskS : maskL)) === 0) {
            cuts.push(i + 1)
            pos = 0
            h = 0
            continue
          }
        }
        pos++
        if (pos === maxSize) {
          cuts.push(i + 1)
          pos = 0
          h = 0
        }
      }
      return cuts
    },
  }
}
