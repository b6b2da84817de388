import { NetSwarmError } from '@netswarm/runtime'

/**
 * Bytes from a peer that do not parse as an exchange message. `offset` is where parsing failed.
 * The network layer answers with an ERROR message or closes that connection, never the process.
 */
export class ExchangeFormatError extends NetSwarmError {
  readonly offset: number
  constructor(message: string, offset: number, options?: { cause?: unknown }) {
    super('INVALID_ARGUMENT', `bad exchange message: ${message} (at byte ${offset})`, options)
    this.offset = offset
  }
}

/** A peer answered with an ERROR message; `remoteCode` says why. */
export class ExchangeRemoteError extends NetSwarmError {
  readonly remoteCode: string
  constructor(remoteCode: string, message: string) {
    super(remoteCode === 'NOT_FOUND' ? 'NOT_FOUND' : 'UNAVAILABLE', `peer answered ${remoteCode}: ${message}`)
    this.remoteCode = remoteCode
  }
}

/** Every source of a file failed or was dropped and no other provider could be found. */
export class NoProvidersError extends NetSwarmError {
  constructor(message: string) {
    super('UNAVAILABLE', message)
  }
}
