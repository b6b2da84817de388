/**
 * Streaming encryption of a private file into its carrier (docs/crypto.md): fixed-size plaintext
 * segments, each sealed under the file key; padding appended at the end; the sealed inner manifest
 * (header) last, so the plaintext's size need not be known in advance. Memory: one segment.
 */
import { randomBytes } from 'node:crypto'
import { PrivateFormatError } from './errors.ts'
import {
  DEFAULT_SEGMENT_BYTES,
  encodeHeader,
  encodePrefix,
  FILE_ID_BYTES,
  MAX_SEGMENT_BYTES,
  MIN_SEGMENT_BYTES,
  type PrivateHeader,
  paddedSize,
} from './layout.ts'
import { deriveFileKey, generateReadKey, SealKind, seal } from './seal.ts'

export interface SealFileOptions {
  name: string
  mediaType: string
  /** The file's read key. @default a fresh random key (never reuse one across files) */
  readKey?: Uint8Array
  /** Plaintext bytes per segment. @default DEFAULT_SEGMENT_BYTES (1 MiB) */
  segmentBytes?: number
  /** The random file id (salt of the key derivation): tests only. */
  fileId?: Uint8Array
}

export interface SealedFile {
  readKey: Uint8Array
  /** The carrier's bytes, in order; iterate once. */
  carrier: AsyncGenerator<Uint8Array>
  /** The inner manifest, once `carrier` is exhausted. */
  header(): PrivateHeader
}

/** Encrypts `source` into a carrier; see SealFileOptions. */
export function sealFile(source: AsyncIterable<Uint8Array>, options: SealFileOptions): SealedFile {
  const segmentBytes = options.segmentBytes ?? DEFAULT_SEGMENT_BYTES
  if (!Number.isInteger(segmentBytes) || segmentBytes < MIN_SEGMENT_BYTES || segmentBytes > MAX_SEGMENT_BYTES) {
    throw new PrivateFormatError(`segment size must be an integer in ${MIN_SEGMENT_BYTES}..${MAX_SEGMENT_BYTES}`)
  }
  const readKey = options.readKey ?? generateReadKey()
  const fileId = options.fileId ?? new Uint8Array(randomBytes(FILE_ID_BYTES))
  if (fileId.length !== FILE_ID_BYTES) throw new PrivateFormatError(`a file id is ${FILE_ID_BYTES} bytes`)
  const prefix = encodePrefix({ fileId, segmentBytes })
  const fileKey = deriveFileKey(readKey, fileId)
  // Check name and media type before any byte is read.
  encodeHeader({ name: options.name, mediaType: options.mediaType, size: 0, padded: 0 })
  let finished: PrivateHeader | undefined

  async function* carrier(): AsyncGenerator<Uint8Array> {
    yield prefix
    let pending = Buffer.allocUnsafe(segmentBytes)
    let fill = 0
    let index = 0
    let size = 0
    // A full segment is sealed only once more bytes follow: the last one must be marked final.
    function* take(block: Uint8Array): Generator<Uint8Array> {
      let at = 0
      while (at < block.length) {
        if (fill === segmentBytes) {
          yield seal(fileKey, prefix, SealKind.segment, index++, pending)
          pending = Buffer.allocUnsafe(segmentBytes)
          fill = 0
        }
        const n = Math.min(segmentBytes - fill, block.length - at)
        pending.set(block.subarray(at, at + n), fill)
        fill += n
        at += n
      }
    }
    for await (const block of source) {
      size += block.length
      yield* take(block)
    }
    const padded = paddedSize(size)
    const zeros = Buffer.alloc(Math.min(segmentBytes, padded - size))
    for (let left = padded - size; left > 0; left -= zeros.length) {
      yield* take(left >= zeros.length ? zeros : zeros.subarray(0, left))
    }
    yield seal(fileKey, prefix, SealKind.finalSegment, index, pending.subarray(0, fill))
    finished = { name: options.name, mediaType: options.mediaType, size, padded }
    yield seal(fileKey, prefix, SealKind.header, 0, encodeHeader(finished))
  }

  return {
    readKey,
    carrier: carrier(),
    header: () => {
      if (!finished) throw new Error('the carrier has not been read to the end yet')
      return finished
    },
  }
}
