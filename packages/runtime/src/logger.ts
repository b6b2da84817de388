import { type Logger, pino } from 'pino'

export type { Logger }

/** Structured JSON logs on stderr; one child logger per component. */
export function createLogger(options: { service: string; level?: string }): Logger {
  return pino(
    { name: options.service, level: options.level ?? process.env.NETSWARM_LOG_LEVEL ?? 'info' },
    pino.destination(2),
  )
}
