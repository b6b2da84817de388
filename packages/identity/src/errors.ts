import { NetSwarmError } from '@netswarm/runtime/errors'

/** Stable identity failure codes (in addition to the runtime `code`). */
export type IdentityErrorCode = 'IDENTITY_CORRUPT' | 'PEER_ID_INVALID' | 'PUBLIC_KEY_INVALID' | 'NAME_LABEL_INVALID'

/** Identity input (key file, peer ID text, public key) was unusable. */
export class IdentityError extends NetSwarmError {
  readonly identityCode: IdentityErrorCode
  constructor(identityCode: IdentityErrorCode, message: string, options?: { cause?: unknown }) {
    super('INVALID_ARGUMENT', message, options)
    this.identityCode = identityCode
  }
}
