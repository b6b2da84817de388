/**
 * Typed errors of private files. A wrong key and tampered bytes are told apart where the
 * construction can tell them apart (the sealed header opens first; see docs/crypto.md).
 */
import { IntegrityError, InvalidArgumentError, NetSwarmError } from '@netswarm/runtime/errors'

/** The key does not open this private file (wrong or missing key), or the file is not private. */
export class PrivateKeyError extends NetSwarmError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('PERMISSION_DENIED', message, options)
  }
}

/** A sealed segment or the carrier's layout failed authentication: tampered, swapped or truncated bytes. */
export class PrivateIntegrityError extends IntegrityError {}

/** A capability link, key or share envelope is malformed. */
export class PrivateFormatError extends InvalidArgumentError {}
