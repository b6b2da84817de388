/**
 * Typed errors shared by every NetSwarm service. Each has a stable SCREAMING_CASE `code`
 * that boundaries (gRPC, HTTP) map to status codes; the message tells a user what to do.
 */
export type ErrorCode =
  | 'INVALID_ARGUMENT'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'RESOURCE_EXHAUSTED'
  | 'FAILED_PRECONDITION'
  | 'UNAVAILABLE'
  | 'DEADLINE_EXCEEDED'
  | 'CANCELLED'
  | 'PERMISSION_DENIED'
  | 'UNAUTHENTICATED'
  | 'INTEGRITY'
  | 'INTERNAL'

export class NetSwarmError extends Error {
  readonly code: ErrorCode
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
    this.name = new.target.name
  }
}

export class InvalidArgumentError extends NetSwarmError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('INVALID_ARGUMENT', message, options)
  }
}

export class NotFoundError extends NetSwarmError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('NOT_FOUND', message, options)
  }
}

export class ResourceExhaustedError extends NetSwarmError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('RESOURCE_EXHAUSTED', message, options)
  }
}

export class IntegrityError extends NetSwarmError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('INTEGRITY', message, options)
  }
}

export class UnavailableError extends NetSwarmError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('UNAVAILABLE', message, options)
  }
}

export function isNetSwarmError(err: unknown): err is NetSwarmError {
  return err instanceof NetSwarmError
}
