/**
 * Frame assembly for sockets that read straight into our memory (`onread`), see
 * docs/protocol.md#performance-notes. Pure: no sockets, no crypto. The socket asks
 * {@link FrameReader.readBuffer} where its next read lands and reports the bytes read with
 * {@link FrameReader.commit}; complete frames are handed out as views of the one buffer.
 *
 * Why: with `'data'` events node allocates a 64 KiB buffer per read and the decoder copies it into
 * the frame; bulk receive cost as much CPU as the decryption. Here a large frame is read by the
 * kernel directly into its final place (the read stops at the frame's end), so it is never copied.
 */
import { WireFormatError } from './errors.ts'
import { FRAME_PREFIX_BYTES } from './limits.ts'

/** Size of the read buffer while frames are small; also the least free space offered to a read. */
export const READER_SMALL_BYTES = 64 * 1024
/** When at least this much of a frame is missing, the read is cut at the frame's end (no copy later). */
const EXACT_READ_MIN_BYTES = 16 * 1024
/** Least free space offered to a read while the next frame's size is unknown. */
const MIN_READ_BYTES = 4096
/** Consecutive small frames after which a grown buffer is given back (an idle link pins no megabytes). */
const SHRINK_AFTER_SMALL_FRAMES = 8

/**
 * Incremental frame reader over one reusable buffer. It holds at most one incomplete frame of at
 * most `maxFrameBytes` (plus its prefix), and refuses a bad length as soon as the prefix is in.
 *
 * A payload is valid only during its `onFrame` call: decrypt or copy it before returning.
 */
export class FrameReader {
  /** May be raised between frames (the handshake uses a small limit, the session a large one). */
  maxFrameBytes: number
  private buf: Buffer
  private start = 0
  private end = 0
  private consumed = 0
  private smallFrames = 0

  constructor(maxFrameBytes: number) {
    this.maxFrameBytes = maxFrameBytes
    this.buf = Buffer.allocUnsafe(READER_SMALL_BYTES)
  }

  /** Bytes held for an incomplete frame. */
  get bufferedBytes(): number {
    return this.end - this.start
  }

  /** Current size of the read buffer (bounded by `maxFrameBytes` + prefix, or {@link READER_SMALL_BYTES}). */
  get capacity(): number {
    return this.buf.length
  }

  /**
   * The region the next read must fill (never empty). Grows the buffer to fit a large frame in
   * progress, moves a small partial frame to the front when space runs out, and cuts the region
   * at the end of a large frame so the frame completes in place.
   */
  readBuffer(): Buffer {
    const pending = this.end - this.start
    const total = this.pendingTotal()
    if (total !== undefined && total > this.buf.length) {
      // Doubling, so frames of varying size settle on one buffer instead of one per new maximum.
      const grown = Buffer.allocUnsafe(
        Math.min(Math.max(total, 2 * this.buf.length), this.maxFrameBytes + FRAME_PREFIX_BYTES),
      )
      this.buf.copy(grown, 0, this.start, this.end)
      this.buf = grown
      this.start = 0
      this.end = pending
    } else if (
      total !== undefined ? this.start + total > this.buf.length : this.buf.length - this.end < MIN_READ_BYTES
    ) {
      this.buf.copyWithin(0, this.start, this.end)
      this.start = 0
      this.end = pending
    }
    let limit = this.buf.length
    if (total !== undefined && total - pending >= EXACT_READ_MIN_BYTES) limit = this.start + total
    return this.buf.subarray(this.end, limit)
  }

  /**
   * Records `n` bytes just read into the region returned by {@link readBuffer} and calls
   * `onFrame(payload)` for each complete frame. If `onFrame` throws, the error propagates and the
   * reader must be discarded (the connection is closed anyway).
   */
  commit(n: number, onFrame: (payload: Uint8Array) => void): void {
    this.end += n
    for (;;) {
      const pending = this.end - this.start
      if (pending < FRAME_PREFIX_BYTES) break
      const length = readU32(this.buf, this.start)
      this.checkLength(length)
      if (pending - FRAME_PREFIX_BYTES < length) break
      const begin = this.start + FRAME_PREFIX_BYTES
      this.start = begin + length
      this.consumed += FRAME_PREFIX_BYTES + length
      this.smallFrames = length < READER_SMALL_BYTES ? this.smallFrames + 1 : 0
      onFrame(this.buf.subarray(begin, begin + length))
    }
    if (this.start === this.end) {
      this.start = 0
      this.end = 0
      if (this.smallFrames >= SHRINK_AFTER_SMALL_FRAMES && this.buf.length > READER_SMALL_BYTES) {
        this.buf = Buffer.allocUnsafe(READER_SMALL_BYTES)
      }
    }
  }

  /**
   * Copies a chunk that was read elsewhere (a plain `'data'` event) through the reader. Used where
   * the socket cannot read into our buffer; costs one copy per byte.
   */
  push(chunk: Uint8Array, onFrame: (payload: Uint8Array) => void): void {
    let pos = 0
    while (pos < chunk.length) {
      const region = this.readBuffer()
      const take = Math.min(region.length, chunk.length - pos)
      region.set(chunk.subarray(pos, pos + take))
      pos += take
      this.commit(take, onFrame)
    }
  }

  /** Prefix + payload bytes of the frame in progress, when its (valid) prefix is in. */
  private pendingTotal(): number | undefined {
    if (this.end - this.start < FRAME_PREFIX_BYTES) return undefined
    const length = readU32(this.buf, this.start)
    // commit() already refused a bad length; never size a buffer from one regardless.
    if (length === 0 || length > this.maxFrameBytes) return undefined
    return FRAME_PREFIX_BYTES + length
  }

  private checkLength(length: number): void {
    if (length === 0) throw new WireFormatError('empty frame', this.consumed)
    if (length > this.maxFrameBytes) {
      throw new WireFormatError(`frame of ${length} bytes exceeds the limit of ${this.maxFrameBytes}`, this.consumed)
    }
  }
}

function readU32(bytes: Uint8Array, pos: number): number {
  return ((bytes[pos] << 24) | (bytes[pos + 1] << 16) | (bytes[pos + 2] << 8) | bytes[pos + 3]) >>> 0
}
