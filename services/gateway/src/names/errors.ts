import { NetSwarmError } from '@netswarm/runtime'

/** The request is valid but this peer's state does not allow it (409). */
export class FailedPreconditionError extends NetSwarmError {
  constructor(message: string) {
    super('FAILED_PRECONDITION', message)
  }
}
