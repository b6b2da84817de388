/**
 * Exit codes of `netswarm`, stable for scripts (documented in docs/api.md and `netswarm --help`).
 */
export const EXIT = {
  OK: 0,
  /** Anything unexpected; the message says what happened. */
  FAILURE: 1,
  /** Bad arguments: unknown option, malformed CID or link, unreadable input file. */
  USAGE: 2,
  /** The gateway could not be reached (not running, wrong --gateway). */
  UNREACHABLE: 3,
  /** The CID is unknown to the swarm (after the gateway's bounded search). */
  NOT_FOUND: 4,
  /** Downloaded bytes do not match the CID: nothing was kept. */
  INTEGRITY: 5,
  /** Missing or wrong API token. */
  ACCESS_DENIED: 6,
  /** The gateway refused the request: too large, quota full, not ready. */
  REFUSED: 7,
  /** A private file without its read key, or with a key that does not open it: nothing was written. */
  NO_KEY: 8,
  /** Interrupted by Ctrl-C. */
  INTERRUPTED: 130,
} as const

export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

/** An error the CLI reports as one line and turns into its exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message)
    this.name = 'CliError'
  }
}

/** Exit code for an HTTP error status from the gateway. */
export function exitCodeForStatus(status: number): ExitCode {
  if (status === 400 || status === 416) return EXIT.USAGE
  if (status === 401 || status === 403) return EXIT.ACCESS_DENIED
  if (status === 404) return EXIT.NOT_FOUND
  if (status === 502) return EXIT.INTEGRITY
  if (status === 413 || status === 503 || status === 507) return EXIT.REFUSED
  return EXIT.FAILURE
}
