/** FastCDC size parameters, their defaults and validation. See docs/chunking.md. */
import { ChunkerOptionsError } from '../errors.ts'

/** Size parameters of the content-defined chunker, in bytes. */
export interface ChunkerOptions {
  /** No chunk (except the last) is shorter: the first `minSize` bytes are never hashed. @default 131072 */
  minSize: number
  /** Target average; must be a power of two. Sets the normalized-chunking masks. @default 262144 */
  avgSize: number
  /** Hard maximum: a cut is forced here. @default 1048576 */
  maxSize: number
}

/**
 * Defaults chosen by benchmark (docs/chunking.md): 128 KiB / 256 KiB / 1 MiB. Against 64 KiB
 * min, same dedup and chunk count, and about 25% faster boundary finding (fewer bytes hashed).
 */
export const CHUNKER_DEFAULTS: { minSize: number; avgSize: number; maxSize: number } = Object.freeze({
  minSize: 128 * 1024,
  avgSize: 256 * 1024,
  maxSize: 1024 * 1024,
})

/** Largest chunk any NetSwarm component must accept (manifests are rejected above it). */
export const MAX_CHUNK_SIZE = 4 * 1024 * 1024

/** Validated options plus the derived gear-hash masks. */
export interface ResolvedChunkerOptions extends ChunkerOptions {
  /** Mask used below avgSize (log2(avg)+2 high bits: cuts are rarer). */
  maskS: number
  /** Mask used from avgSize to maxSize (log2(avg)-2 high bits: cuts are likelier). */
  maskL: number
}

/** Normalized chunking level 2 (FastCDC paper §3.4): masks have log2(avg) ± 2 bits. */
const NORMALIZATION_BITS = 2

/** Mask of the `bits` highest bits of a 32-bit word, as a signed int32 (what `h & mask` yields). */
function highBitsMask(bits: number): number {
  return (0xffffffff << (32 - bits)) | 0
}

/** Merges `options` over CHUNKER_DEFAULTS and validates them; throws ChunkerOptionsError. */
export function resolveChunkerOptions(options: Partial<ChunkerOptions> = {}): ResolvedChunkerOptions {
  const { minSize, avgSize, maxSize } = { ...CHUNKER_DEFAULTS, ...options }
  for (const [key, value] of Object.entries({ minSize, avgSize, maxSize })) {
    if (!Number.isSafeInteger(value) || value < 1) throw new ChunkerOptionsError(`${key} must be a positive integer`)
  }
  const bits = Math.log2(avgSize)
  if (!Number.isInteger(bits) || bits < 6 || bits > 28) {
    throw new ChunkerOptionsError('avgSize must be a power of two between 64 and 2^28')
  }
  if (!(minSize < avgSize && avgSize < maxSize)) throw new ChunkerOptionsError('need minSize < avgSize < maxSize')
  if (maxSize > MAX_CHUNK_SIZE) throw new ChunkerOptionsError(`maxSize must be at most ${MAX_CHUNK_SIZE}`)
  return {
    minSize,
    avgSize,
    maxSize,
    maskS: highBitsMask(bits + NORMALIZATION_BITS),
    maskL: highBitsMask(bits - NORMALIZATION_BITS),
  }
}
