/** A satisfiable byte range, inclusive on both ends (as in Content-Range). */
export interface ByteRange {
  start: number
  end: number
}

/** Outcome of reading a Range header against a file of known size. */
export type RangeResult =
  | { type: 'none' }
  | { type: 'range'; range: ByteRange }
  | { type: 'unsatisfiable'; reason: string }

/**
 * Parses an HTTP Range header (RFC 9110 §14.2) for a file of `size` bytes. Only single ranges
 * are served; multi-range requests, other units and malformed values are refused (416) rather
 * than silently answered with the whole file, so a seeking player gets a clear signal.
 */
export function parseRange(header: string | undefined, size: number): RangeResult {
  if (header === undefined) return { type: 'none' }
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/.exec(header)
  if (!match) {
    if (/^\s*bytes\s*=.*,/.test(header)) return { type: 'unsatisfiable', reason: 'multiple ranges are not supported' }
    return { type: 'unsatisfiable', reason: `malformed Range header "${header.slice(0, 60)}"` }
  }
  const [, first, last] = match
  if (first === '' && last === '') return { type: 'unsatisfiable', reason: 'empty range' }
  if (first === '') {
    // Suffix range: the last N bytes.
    const suffix = Number(last)
    if (suffix === 0 || size === 0) return { type: 'unsatisfiable', reason: 'empty suffix range' }
    return { type: 'range', range: { start: Math.max(0, size - suffix), end: size - 1 } }
  }
  const start = Number(first)
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1)
  if (!Number.isSafeInteger(start) || start >= size) {
    return { type: 'unsatisfiable', reason: `range starts at ${first}, beyond the file's ${size} bytes` }
  }
  if (last !== '' && Number(last) < start) return { type: 'unsatisfiable', reason: 'range ends before it starts' }
  return { type: 'range', range: { start, end } }
}
