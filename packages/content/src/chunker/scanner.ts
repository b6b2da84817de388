/** The boundary-finder interface both FastCDC implementations provide. */

/**
 * Finds content-defined cut points in a stream fed piece by piece. State (bytes into the
 * current chunk, rolling hash) carries across calls, so cuts never depend on the piece split.
 */
export interface BoundaryScanner {
  /**
   * Scans the next `piece` of the stream and returns the offsets within it (ascending, each in
   * 1..piece.length) just past every cut point. A new chunk starts after each cut.
   */
  scan(piece: Uint8Array): number[]
  /** Forgets the partial chunk: the next byte scanned starts a new chunk. */
  reset(): void
}
