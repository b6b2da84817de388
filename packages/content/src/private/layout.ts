/**
 * The carrier's byte layout (docs/crypto.md#carrier-layout):
 *
 *   prefix (44 B, clear)  = MAGIC (8) || fileId (32) || u32be segmentBytes
 *   segments              = sealed segment 0 .. n-1, each = AES-256-GCM(ciphertext) || tag (16)
 *   header (2064 B)       = sealed inner manifest (HEADER_PLAIN_BYTES padded) || tag
 *
 * The plaintext is padded to `paddedSize(size)` before it is cut into segments, so the carrier's
 * size reveals only the padding bucket. Pure arithmetic and codecs: no I/O, no keys.
 */
import { PrivateFormatError, PrivateIntegrityError } from './errors.ts'

/** First 8 bytes of every carrier: "NSPRIV" and the format version (1). */
export const CARRIER_MAGIC = Uint8Array.from([0x4e, 0x53, 0x50, 0x52, 0x49, 0x56, 0x00, 0x01])
export const FILE_ID_BYTES = 32
export const PREFIX_BYTES = CARRIER_MAGIC.length + FILE_ID_BYTES + 4
export const TAG_BYTES = 16
/** The inner manifest is always padded to this length, so the name's length does not leak. */
export const HEADER_PLAIN_BYTES = 2048
export const SEALED_HEADER_BYTES = HEADER_PLAIN_BYTES + TAG_BYTES
/** Plaintext bytes per sealed segment. @default 1 MiB */
export const DEFAULT_SEGMENT_BYTES = 1024 * 1024
export const MIN_SEGMENT_BYTES = 1024
export const MAX_SEGMENT_BYTES = 16 * 1024 * 1024
/** Smallest padding bucket: every private file is at least this long once padded. */
export const MIN_PADDED_BYTES = 4096
/** Media type of the carrier's (public) manifest. */
export const PRIVATE_MEDIA_TYPE = 'application/vnd.netswarm.private'
/** Name of the carrier's (public) manifest: the same for every private file. */
export const PRIVATE_CARRIER_NAME = 'private'
const HEADER_VERSION = 1
const MAX_NAME_BYTES = 1024
const MAX_MEDIA_TYPE_BYTES = 255

/**
 * Padmé (Nikitin et al., "Reducing Metadata Leakage from Encrypted Files and Communication with
 * PURBs", 2019): rounds L up so that only O(log log L) bits of L remain, at most +12 % overhead;
 * never below MIN_PADDED_BYTES.
 */
export function paddedSize(size: number): number {
  if (!Number.isSafeInteger(size) || size < 0) throw new PrivateFormatError('size must be a non-negative integer')
  if (size <= MIN_PADDED_BYTES) return MIN_PADDED_BYTES
  const e = Math.floor(Math.log2(size))
  const s = Math.floor(Math.log2(e)) + 1
  const unit = 2 ** (e - s)
  return Math.ceil(size / unit) * unit
}

/** Number of sealed segments for a padded size. */
export function segmentCount(padded: number, segmentBytes: number): number {
  return Math.ceil(padded / segmentBytes)
}

/** Total carrier length for a plaintext of `size` bytes. */
export function carrierSize(size: number, segmentBytes = DEFAULT_SEGMENT_BYTES): number {
  const padded = paddedSize(size)
  return PREFIX_BYTES + padded + segmentCount(padded, segmentBytes) * TAG_BYTES + SEALED_HEADER_BYTES
}

/** The clear prefix. */
export interface CarrierPrefix {
  fileId: Uint8Array
  segmentBytes: number
}

export function encodePrefix(prefix: CarrierPrefix): Uint8Array {
  const out = new Uint8Array(PREFIX_BYTES)
  out.set(CARRIER_MAGIC, 0)
  out.set(prefix.fileId, CARRIER_MAGIC.length)
  new DataView(out.buffer).setUint32(CARRIER_MAGIC.length + FILE_ID_BYTES, prefix.segmentBytes)
  return out
}

export function decodePrefix(bytes: Uint8Array): CarrierPrefix {
  if (bytes.length !== PREFIX_BYTES || !CARRIER_MAGIC.every((b, i) => bytes[i] === b)) {
    throw new PrivateFormatError('not a NetSwarm private file (the carrier does not start with the private-file magic)')
  }
  const segmentBytes = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(
    CARRIER_MAGIC.length + FILE_ID_BYTES,
  )
  if (segmentBytes < MIN_SEGMENT_BYTES || segmentBytes > MAX_SEGMENT_BYTES) {
    throw new PrivateFormatError(`segment size ${segmentBytes} is outside ${MIN_SEGMENT_BYTES}..${MAX_SEGMENT_BYTES}`)
  }
  return { fileId: bytes.slice(CARRIER_MAGIC.length, CARRIER_MAGIC.length + FILE_ID_BYTES), segmentBytes }
}

/** Where the segments lie in a carrier of a given total size. */
export interface BodyLayout {
  padded: number
  segments: number
  /** Offset of segment 0 and total bytes of all sealed segments. */
  bodyOffset: number
  bodyBytes: number
  headerOffset: number
}

/** Derives the segment layout from the carrier's total size; refuses sizes no writer produces. */
export function bodyLayout(total: number, segmentBytes: number): BodyLayout {
  const bodyBytes = total - PREFIX_BYTES - SEALED_HEADER_BYTES
  if (!Number.isSafeInteger(total) || bodyBytes <= 0) {
    throw new PrivateIntegrityError(`a private file of ${total} bytes is too short to be complete`)
  }
  const segments = Math.ceil(bodyBytes / (segmentBytes + TAG_BYTES))
  const padded = bodyBytes - segments * TAG_BYTES
  if (padded <= (segments - 1) * segmentBytes || paddedSize(padded) !== padded) {
    throw new PrivateIntegrityError(`a private file of ${total} bytes has no valid segment layout (truncated?)`)
  }
  return { padded, segments, bodyOffset: PREFIX_BYTES, bodyBytes, headerOffset: PREFIX_BYTES + bodyBytes }
}

/** The sealed inner manifest: what the carrier's public manifest hides. */
export interface PrivateHeader {
  name: string
  mediaType: string
  size: number
  padded: number
}

/** u8 version || u64 size || u64 padded || u16 len || name || u16 len || mediaType || zeros. */
export function encodeHeader(header: PrivateHeader): Uint8Array {
  const name = Buffer.from(header.name, 'utf8')
  const mediaType = Buffer.from(header.mediaType, 'utf8')
  if (name.length > MAX_NAME_BYTES) throw new PrivateFormatError(`name must be at most ${MAX_NAME_BYTES} UTF-8 bytes`)
  if (mediaType.length > MAX_MEDIA_TYPE_BYTES) {
    throw new PrivateFormatError(`media type must be at most ${MAX_MEDIA_TYPE_BYTES} bytes`)
  }
  const out = new Uint8Array(HEADER_PLAIN_BYTES)
  const view = new DataView(out.buffer)
  out[0] = HEADER_VERSION
  view.setBigUint64(1, BigInt(header.size))
  view.setBigUint64(9, BigInt(header.padded))
  view.setUint16(17, name.length)
  out.set(name, 19)
  view.setUint16(19 + name.length, mediaType.length)
  out.set(mediaType, 21 + name.length)
  return out
}

export function decodeHeader(bytes: Uint8Array): PrivateHeader {
  const fail = (why: string): never => {
    throw new PrivateIntegrityError(`the private file's sealed header is malformed: ${why}`)
  }
  if (bytes.length !== HEADER_PLAIN_BYTES) fail('wrong length')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (bytes[0] !== HEADER_VERSION) fail(`unknown version ${bytes[0]}`)
  const size = Number(view.getBigUint64(1))
  const padded = Number(view.getBigUint64(9))
  const nameLength = view.getUint16(17)
  if (nameLength > MAX_NAME_BYTES) fail('name too long')
  const mediaTypeLength = view.getUint16(19 + nameLength)
  if (mediaTypeLength > MAX_MEDIA_TYPE_BYTES) fail('media type too long')
  const end = 21 + nameLength + mediaTypeLength
  if (bytes.subarray(end).some((b) => b !== 0)) fail('padding is not zero')
  if (!Number.isSafeInteger(size) || padded !== paddedSize(size)) fail('size and padding disagree')
  return {
    size,
    padded,
    name: Buffer.from(bytes.subarray(19, 19 + nameLength)).toString('utf8'),
    mediaType: Buffer.from(bytes.subarray(21 + nameLength, end)).toString('utf8'),
  }
}
