import * as grpc from '@grpc/grpc-js'
import { HealthImplementation, type ServingStatus } from 'grpc-health-check'
import { type ErrorCode, NetSwarmError } from './errors.ts'

const STATUS_BY_CODE: Record<ErrorCode, grpc.status> = {
  INVALID_ARGUMENT: grpc.status.INVALID_ARGUMENT,
  NOT_FOUND: grpc.status.NOT_FOUND,
  ALREADY_EXISTS: grpc.status.ALREADY_EXISTS,
  RESOURCE_EXHAUSTED: grpc.status.RESOURCE_EXHAUSTED,
  FAILED_PRECONDITION: grpc.status.FAILED_PRECONDITION,
  UNAVAILABLE: grpc.status.UNAVAILABLE,
  DEADLINE_EXCEEDED: grpc.status.DEADLINE_EXCEEDED,
  CANCELLED: grpc.status.CANCELLED,
  PERMISSION_DENIED: grpc.status.PERMISSION_DENIED,
  UNAUTHENTICATED: grpc.status.UNAUTHENTICATED,
  // A chunk that fails verification is bad data from the caller.
  INTEGRITY: grpc.status.DATA_LOSS,
  INTERNAL: grpc.status.INTERNAL,
}

const CODE_BY_STATUS = new Map<grpc.status, ErrorCode>(
  Object.entries(STATUS_BY_CODE).map(([code, status]) => [status, code as ErrorCode]),
)

/** Maps any thrown value to a gRPC error; only NetSwarmErrors keep their message (no stack traces). */
export function toGrpcError(err: unknown): Partial<grpc.StatusObject> {
  if (err instanceof NetSwarmError) {
    const metadata = new grpc.Metadata()
    metadata.set('netswarm-code', err.code)
    return { code: STATUS_BY_CODE[err.code], details: err.message, metadata }
  }
  return { code: grpc.status.INTERNAL, details: 'internal error' }
}

/** Turns a gRPC client error back into a typed NetSwarmError. */
export function fromGrpcError(err: unknown): NetSwarmError {
  const e = err as grpc.ServiceError
  if (e && typeof e.code === 'number') {
    const named = e.metadata?.get('netswarm-code')?.[0]
    const code = (typeof named === 'string' ? named : CODE_BY_STATUS.get(e.code)) as ErrorCode | undefined
    return new NetSwarmError(code ?? 'INTERNAL', e.details || e.message, { cause: err })
  }
  return new NetSwarmError('INTERNAL', String(err), { cause: err })
}

/** Large messages carry chunk bytes; keep the limit well above the largest chunk. */
export const GRPC_MAX_MESSAGE_BYTES = 64 * 1024 * 1024

export const GRPC_CHANNEL_OPTIONS: grpc.ChannelOptions = {
  'grpc.max_receive_message_length': GRPC_MAX_MESSAGE_BYTES,
  'grpc.max_send_message_length': GRPC_MAX_MESSAGE_BYTES,
}

export interface GrpcServerHandle {
  server: grpc.Server
  /** The bound address, with the real port when 0 was asked for. */
  address: string
  port: number
  setServing(status: ServingStatus): void
  stop(): Promise<void>
}

/**
 * Starts a gRPC server with the standard grpc.health.v1 service. Health starts NOT_SERVING;
 * the caller flips it to SERVING once its dependencies are ready.
 */
export async function startGrpcServer(options: {
  address: string
  serviceName: string
  register: (server: grpc.Server) => void
}): Promise<GrpcServerHandle> {
  const server = new grpc.Server(GRPC_CHANNEL_OPTIONS)
  const health = new HealthImplementation({ '': 'NOT_SERVING', [options.serviceName]: 'NOT_SERVING' })
  health.addToServer(server)
  options.register(server)
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(options.address, grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    )
  })
  const host = options.address.startsWith('unix:') ? options.address : options.address.replace(/:\d+$/, `:${port}`)
  return {
    server,
    address: host,
    port,
    setServing(status) {
      health.setStatus('', status)
      health.setStatus(options.serviceName, status)
    },
    stop: () =>
      new Promise<void>((resolve) => {
        health.setStatus('', 'NOT_SERVING')
        const timer = setTimeout(() => server.forceShutdown(), 2000)
        server.tryShutdown(() => {
          clearTimeout(timer)
          resolve()
        })
      }),
  }
}

/** Wraps an async unary handler so thrown errors become gRPC status codes. */
export function unary<Req, Res>(
  fn: (request: Req, call: grpc.ServerUnaryCall<Req, Res>) => Promise<Res>,
): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    fn(call.request, call).then(
      (res) => callback(null, res),
      (err) => callback(toGrpcError(err)),
    )
  }
}

/** An AbortSignal that fires when the gRPC call is cancelled by its client. */
export function callSignal(call: { on(event: 'cancelled', fn: () => void): unknown }): AbortSignal {
  const controller = new AbortController()
  call.on('cancelled', () => controller.abort(new NetSwarmError('CANCELLED', 'call cancelled by client')))
  return controller.signal
}

/**
 * Reads a server-streaming call as an async generator. Errors become typed NetSwarmErrors;
 * `signal` cancels the call, and so does stopping early (break), so the server does not keep
 * streaming into the void.
 */
export async function* readGrpcStream<T>(
  stream: grpc.ClientReadableStream<T>,
  signal?: AbortSignal,
): AsyncGenerator<T> {
  const cancel = () => stream.cancel()
  signal?.addEventListener('abort', cancel, { once: true })
  // An already aborted signal never fires 'abort'.
  if (signal?.aborted) cancel()
  try {
    for await (const message of stream) yield message as T
  } catch (err) {
    throw fromGrpcError(err)
  } finally {
    signal?.removeEventListener('abort', cancel)
    stream.cancel()
  }
}

/** Waits until a gRPC channel is ready, or fails after `timeoutMs`. */
export function waitForReady(client: grpc.Client, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    client.waitForReady(Date.now() + timeoutMs, (err) => (err ? reject(err) : resolve()))
  })
}

/** Asks a server's grpc.health.v1 service for its status. */
export async function checkHealth(address: string, service = '', timeoutMs = 5000): Promise<ServingStatus> {
  const { loadSync } = await import('@grpc/proto-loader')
  const { protoPath } = await import('grpc-health-check')
  const def = grpc.loadPackageDefinition(loadSync(protoPath, { keepCase: true, enums: String })) as any
  const client = new def.grpc.health.v1.Health(address, grpc.credentials.createInsecure())
  try {
    return await new Promise<ServingStatus>((resolve, reject) => {
      client.check({ service }, { deadline: Date.now() + timeoutMs }, (err: unknown, res: { status: ServingStatus }) =>
        err ? reject(err) : resolve(res.status),
      )
    })
  } finally {
    client.close()
  }
}

export { grpc }
