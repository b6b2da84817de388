import { type ErrorCode, NetSwarmError } from '@netswarm/runtime'

/** An upload larger than `NETSWARM_GATEWAY_MAX_UPLOAD_BYTES` (HTTP 413). */
export class PayloadTooLargeError extends NetSwarmError {
  readonly httpStatus = 413
  constructor(limit: number) {
    super(
      'RESOURCE_EXHAUSTED',
      `upload exceeds the gateway's limit of ${limit} bytes (NETSWARM_GATEWAY_MAX_UPLOAD_BYTES)`,
    )
  }
}

/** A Range header that cannot be served (HTTP 416). */
export class RangeNotSatisfiableError extends NetSwarmError {
  readonly httpStatus = 416
  constructor(
    reason: string,
    readonly size: number,
  ) {
    super('INVALID_ARGUMENT', `${reason}; the file has ${size} bytes`)
  }
}

/** No or malformed Authorization header on a protected endpoint (HTTP 401). */
export class UnauthenticatedError extends NetSwarmError {
  constructor(message = 'this endpoint needs "Authorization: Bearer <token>" (printed by `netswarm node`)') {
    super('UNAUTHENTICATED', message)
  }
}

/** A token that does not match (HTTP 403). */
export class PermissionDeniedError extends NetSwarmError {
  constructor(message = 'the bearer token is not valid for this gateway') {
    super('PERMISSION_DENIED', message)
  }
}

/** An upload whose client went away before the end (nothing is kept). */
export class UploadAbortedError extends NetSwarmError {
  constructor() {
    super('CANCELLED', 'the upload was cut off before its end; nothing was stored')
  }
}

export type { ErrorCode }
