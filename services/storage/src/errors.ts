import { NetSwarmError, NotFoundError } from '@netswarm/runtime'

/** A manifest names chunks the store does not have (and the caller did not allow it). */
export class MissingChunksError extends NetSwarmError {
  constructor(
    readonly missing: string[],
    total: number,
  ) {
    super(
      'FAILED_PRECONDITION',
      `manifest names ${missing.length} of ${total} chunks that are not stored (first: ${missing[0]}); ` +
        'put the chunks first or set allowMissingChunks',
    )
  }
}

/** No manifest with this CID is stored. */
export class ManifestNotFoundError extends NotFoundError {
  constructor(readonly cid: string) {
    super(`manifest ${cid} is not stored on this peer`)
  }
}

/** A chunk a read needs is not stored (yet). */
export class ChunkNotFoundError extends NotFoundError {
  constructor(readonly cid: string) {
    super(`chunk ${cid} is not stored on this peer`)
  }
}

/** Deleting a chunk that a pinned file uses. */
export class ChunkPinnedError extends NetSwarmError {
  constructor(readonly cid: string) {
    super('FAILED_PRECONDITION', `chunk ${cid} is used by a pinned file; unpin the file first`)
  }
}
