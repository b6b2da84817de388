/**
 * Private files: client-side encryption into an ordinary "carrier" file, capability links and
 * sharing by public key. The construction is specified in docs/crypto.md.
 */
export {
  type Capability,
  decodeReadKey,
  encodeReadKey,
  gatewayReadLink,
  parseCapability,
  readLink,
  verifyLink,
} from './capability.ts'
export { PrivateFormatError, PrivateIntegrityError, PrivateKeyError } from './errors.ts'
export {
  bodyLayout,
  CARRIER_MAGIC,
  carrierSize,
  DEFAULT_SEGMENT_BYTES,
  HEADER_PLAIN_BYTES,
  MIN_PADDED_BYTES,
  PREFIX_BYTES,
  PRIVATE_CARRIER_NAME,
  PRIVATE_MEDIA_TYPE,
  type PrivateHeader,
  paddedSize,
  SEALED_HEADER_BYTES,
  TAG_BYTES,
} from './layout.ts'
export { type CarrierReader, memoryReader, type OpenedFile, type OpenFileOptions, openFile } from './open-file.ts'
export { generateReadKey, READ_KEY_BYTES } from './seal.ts'
export { type SealedFile, type SealFileOptions, sealFile } from './seal-file.ts'
export {
  ENVELOPE_VERSION,
  envelopeSigningBytes,
  type OpenedShare,
  openEnvelope,
  parseEnvelope,
  parseWrappedShare,
  type ShareEnvelope,
  type ShareRecipient,
  type ShareSigner,
  signEnvelope,
  verifyEnvelope,
  type WrappedShare,
  wrapForRecipient,
} from './share.ts'
