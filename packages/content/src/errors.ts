/**
 * Typed errors of @netswarm/content. All are INVALID_ARGUMENT: they describe bad input
 * (a CID string, a manifest, chunker options), never an internal failure.
 */
import { InvalidArgumentError } from '@netswarm/runtime/errors'

/** A CID string or CID is malformed, or is not CIDv1 raw/dag-cbor with a 32-byte sha2-256 digest. */
export class InvalidCidError extends InvalidArgumentError {}

/** Manifest bytes or fields are not a valid, canonically encoded NetSwarm manifest. */
export class ManifestError extends InvalidArgumentError {}

/** Chunker options are out of range (see CHUNKER_LIMITS in chunker/options.ts). */
export class ChunkerOptionsError extends InvalidArgumentError {}

/** Directory document bytes or fields are not a valid, canonically encoded NetSwarm folder listing. */
export class DirectoryError extends InvalidArgumentError {}

/** A restore would write outside its target folder, through a symlink, or over something that exists. */
export class UnsafePathError extends InvalidArgumentError {}

/** A version record value or version log is malformed (docs/versions.md). */
export class VersionError extends InvalidArgumentError {}
