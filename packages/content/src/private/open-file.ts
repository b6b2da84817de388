/**
 * Streaming decryption of a carrier: the clear prefix and the sealed header are read first (a
 * wrong key fails there, before any plaintext exists), then the segments in order, each opened
 * and checked before its bytes are yielded. Memory: one segment. See docs/crypto.md.
 */
import { PrivateIntegrityError, PrivateKeyError } from './errors.ts'
import {
  type BodyLayout,
  bodyLayout,
  decodeHeader,
  decodePrefix,
  PREFIX_BYTES,
  type PrivateHeader,
  SEALED_HEADER_BYTES,
  TAG_BYTES,
} from './layout.ts'
import { deriveFileKey, open, SealKind } from './seal.ts'

/** Streams `length` bytes of the carrier from `offset` (exactly those bytes, in order). */
export type CarrierReader = (offset: number, length: number) => AsyncIterable<Uint8Array>

export interface OpenedFile {
  header: PrivateHeader
  /** The plaintext, verified segment by segment; throws PrivateIntegrityError on bad bytes. */
  plaintext: AsyncGenerator<Uint8Array>
}

async function readExactly(source: AsyncIterable<Uint8Array>, length: number): Promise<Uint8Array> {
  const out = new Uint8Array(length)
  let fill = 0
  for await (const block of source) {
    if (fill + block.length > length) throw new PrivateIntegrityError('the carrier returned more bytes than asked')
    out.set(block, fill)
    fill += block.length
  }
  if (fill !== length) throw new PrivateIntegrityError('the carrier ended early (truncated?)')
  return out
}

/**
 * Opens the private file whose carrier is `total` bytes long. Throws PrivateKeyError when the key
 * does not open the header, PrivateFormatError when the bytes are not a carrier at all.
 */
export async function openFile(
  read: CarrierReader,
  total: number,
  readKey: Uint8Array,
  options: OpenFileOptions = {},
): Promise<OpenedFile> {
  if (!Number.isSafeInteger(total) || total < PREFIX_BYTES + SEALED_HEADER_BYTES) {
    throw new PrivateIntegrityError(`a private file of ${total} bytes is too short to be complete`)
  }
  const bodyRead = (): AsyncIterable<Uint8Array> => read(PREFIX_BYTES, total - PREFIX_BYTES - SEALED_HEADER_BYTES)
  // The segments' offsets do not depend on the header: with `prefetch` their stream starts now,
  // so the first segment is on its way while the header is checked.
  const early = options.prefetch ? prefetch(bodyRead()) : undefined
  try {
    return await openHeader(read, total, readKey, (layout, segmentBytes, prefix, fileKey, size) =>
      segments(early?.stream ?? bodyRead(), layout, segmentBytes, prefix, fileKey, size),
    )
  } catch (err) {
    early?.cancel()
    throw err
  }
}

/** Options of {@link openFile}. */
export interface OpenFileOptions {
  /**
   * Start reading the segments together with the header (one round trip less); only when the
   * plaintext will be read, since the early stream is closed only by reading it or by a failure.
   * @default false
   */
  prefetch?: boolean
}

/** Starts `source` at once; its first block is awaited only when `stream` is read. */
function prefetch(source: AsyncIterable<Uint8Array>) {
  const iterator = source[Symbol.asyncIterator]()
  const first = iterator.next()
  first.catch(() => {})
  return {
    stream: {
      async *[Symbol.asyncIterator]() {
        try {
          for (let next = await first; !next.done; next = await iterator.next()) yield next.value
        } finally {
          await iterator.return?.()
        }
      },
    } as AsyncIterable<Uint8Array>,
    cancel() {
      void iterator.return?.().catch(() => {})
    },
  }
}

type SegmentsFactory = (
  layout: BodyLayout,
  segmentBytes: number,
  prefix: Uint8Array,
  fileKey: Buffer,
  size: number,
) => AsyncGenerator<Uint8Array>

async function openHeader(
  read: CarrierReader,
  total: number,
  readKey: Uint8Array,
  plaintext: SegmentsFactory,
): Promise<OpenedFile> {
  // Both ends at once: one round trip before the segments start, not two.
  const [prefix, sealedHeader] = await Promise.all([
    readExactly(read(0, PREFIX_BYTES), PREFIX_BYTES),
    readExactly(read(total - SEALED_HEADER_BYTES, SEALED_HEADER_BYTES), SEALED_HEADER_BYTES),
  ])
  const { fileId, segmentBytes } = decodePrefix(prefix)
  const layout = bodyLayout(total, segmentBytes)
  const fileKey = deriveFileKey(readKey, fileId)
  const headerBytes = open(fileKey, prefix, SealKind.header, 0, sealedHeader)
  if (!headerBytes) {
    throw new PrivateKeyError('this key does not open the private file (wrong key, or its header was altered)')
  }
  const header = decodeHeader(headerBytes)
  if (header.padded !== layout.padded) {
    throw new PrivateIntegrityError(`the carrier holds ${layout.padded} padded bytes, its header says ${header.padded}`)
  }
  return { header, plaintext: plaintext(layout, segmentBytes, prefix, fileKey, header.size) }
}

async function* segments(
  body: AsyncIterable<Uint8Array>,
  layout: BodyLayout,
  segmentBytes: number,
  prefix: Uint8Array,
  fileKey: Buffer,
  size: number,
): AsyncGenerator<Uint8Array> {
  const lastIndex = layout.segments - 1
  const unitBytes = (i: number) => (i < lastIndex ? segmentBytes : layout.padded - lastIndex * segmentBytes) + TAG_BYTES
  let index = 0
  let unit = Buffer.allocUnsafe(unitBytes(0))
  let fill = 0
  let emitted = 0
  for await (const block of body) {
    let at = 0
    while (at < block.length) {
      if (index > lastIndex) throw new PrivateIntegrityError('the carrier returned more bytes than asked')
      const n = Math.min(unit.length - fill, block.length - at)
      unit.set(block.subarray(at, at + n), fill)
      fill += n
      at += n
      if (fill < unit.length) continue
      const kind = index === lastIndex ? SealKind.finalSegment : SealKind.segment
      const plain = open(fileKey, prefix, kind, index, unit)
      if (!plain) {
        throw new PrivateIntegrityError(
          `segment ${index} of the private file failed authentication (tampered, reordered or taken from another file)`,
        )
      }
      const keep = Math.min(plain.length, size - emitted)
      if (keep > 0) {
        emitted += keep
        yield keep === plain.length ? plain : plain.subarray(0, keep)
      }
      index++
      if (index <= lastIndex) unit = Buffer.allocUnsafe(unitBytes(index))
      fill = 0
    }
  }
  if (index !== layout.segments) throw new PrivateIntegrityError('the private file ended early (truncated?)')
}

/** Opens a carrier held in memory (tests, small files). */
export function memoryReader(carrier: Uint8Array): CarrierReader {
  return async function* (offset, length) {
    yield carrier.subarray(offset, offset + length)
  }
}
