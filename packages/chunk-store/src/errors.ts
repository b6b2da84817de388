import { IntegrityError, InvalidArgumentError, ResourceExhaustedError } from '@netswarm/runtime'

/** A chunk whose bytes do not hash to its CID. Nothing of the batch was stored. */
export class ChunkIntegrityError extends IntegrityError {
  constructor(readonly cid: string) {
    super(`chunk ${cid}: bytes do not match the CID (sha2-256 differs); the sender must resend it`)
  }
}

/** A CID that cannot address a chunk (not CIDv1 raw sha2-256). */
export class InvalidChunkCidError extends InvalidArgumentError {
  constructor(
    readonly cid: string,
    reason: string,
  ) {
    super(`${cid} is not a chunk CID: ${reason}`)
  }
}

/** A write that would take the store past its quota. Nothing of the batch was stored. */
export class QuotaExceededError extends ResourceExhaustedError {
  constructor(
    readonly quotaBytes: number,
    readonly storedBytes: number,
    readonly requestedBytes: number,
  ) {
    super(
      `storage quota of ${quotaBytes} bytes reached (${storedBytes} stored, ${requestedBytes} more requested); ` +
        'unpin files and collect garbage, or raise NETSWARM_STORAGE_QUOTA',
    )
  }
}

/** The directory holds a store written with another layout version. */
export class LayoutMismatchError extends InvalidArgumentError {
  constructor(path: string, found: unknown, expected: number) {
    super(`LMDB store at ${path} has layout version ${String(found)}, this build reads ${expected}`)
  }
}
