import { isNetSwarmError } from '@netswarm/runtime'
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server'
import { initTRPC, TRPCError } from '@trpc/server'
import type { GatewayBackend } from '../backend.ts'
import { tokenStatus } from '../http/middleware.ts'
import type { NameService } from '../names/name-service.ts'
import type { PrivateFiles } from '../private/private-files.ts'

/** Per-request context of the tRPC router. */
export interface TrpcContext {
  backend: GatewayBackend
  baseUrl: string
  lookupTimeoutMs: number
  /** How often live views re-read the backend. */
  pollIntervalMs: number
  auth: 'ok' | 'missing' | 'wrong'
  /** Named versions; undefined in gateways built without them (tests with a memory backend). */
  names?: NameService
  /** Private files and shares (docs/crypto.md). */
  privateFiles?: PrivateFiles
}

export function createContextFactory(options: {
  backend: GatewayBackend
  baseUrl: () => string
  lookupTimeoutMs: number
  pollIntervalMs: number
  token?: string
  names?: NameService
  privateFiles?: PrivateFiles
}) {
  return ({ req }: { req: { headers: Record<string, string | string[] | undefined> } }): TrpcContext => {
    const header = req.headers.authorization
    return {
      backend: options.backend,
      baseUrl: options.baseUrl(),
      lookupTimeoutMs: options.lookupTimeoutMs,
      pollIntervalMs: options.pollIntervalMs,
      names: options.names,
      privateFiles: options.privateFiles,
      auth: tokenStatus(options.token, typeof header === 'string' ? header : undefined),
    }
  }
}

const TRPC_CODE: Record<string, TRPC_ERROR_CODE_KEY> = {
  INVALID_ARGUMENT: 'BAD_REQUEST',
  UNAUTHENTICATED: 'UNAUTHORIZED',
  PERMISSION_DENIED: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  ALREADY_EXISTS: 'CONFLICT',
  FAILED_PRECONDITION: 'PRECONDITION_FAILED',
  RESOURCE_EXHAUSTED: 'PAYLOAD_TOO_LARGE',
  CANCELLED: 'CLIENT_CLOSED_REQUEST',
  DEADLINE_EXCEEDED: 'TIMEOUT',
  UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTEGRITY: 'BAD_GATEWAY',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
}

const t = initTRPC.context<TrpcContext>().create({
  // Never send stack traces to clients, whatever NODE_ENV says.
  isDev: false,
  errorFormatter({ shape, error }) {
    const cause = error.cause
    return {
      ...shape,
      data: { ...shape.data, stack: undefined, netswarmCode: isNetSwarmError(cause) ? cause.code : undefined },
    }
  },
})

/** Turns typed NetSwarmErrors into tRPC errors with the matching code and the same message. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next()
  if (!result.ok) {
    const cause = result.error.cause
    if (isNetSwarmError(cause)) {
      result.error = new TRPCError({
        code: TRPC_CODE[cause.code] ?? 'INTERNAL_SERVER_ERROR',
        message: cause.message,
        cause,
      })
    }
  }
  return result
})

export const router = t.router
/** Read procedures: open to anyone who can reach the gateway. */
export const publicProcedure = t.procedure.use(mapErrors)
/** Write and admin procedures: need the bearer token when one is configured. */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.auth === 'missing')
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'send "Authorization: Bearer <token>"' })
  if (ctx.auth === 'wrong') throw new TRPCError({ code: 'FORBIDDEN', message: 'the bearer token is not valid' })
  return next()
})
