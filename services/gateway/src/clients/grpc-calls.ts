import { fromGrpcError, type grpc, NetSwarmError } from '@netswarm/runtime'

/** Runs a callback-style unary call as a promise, with typed errors. */
export function callUnary<Res>(
  start: (callback: (err: grpc.ServiceError | null, res?: Res) => void) => grpc.ClientUnaryCall,
  signal?: AbortSignal,
): Promise<Res> {
  return new Promise<Res>((resolve, reject) => {
    signal?.throwIfAborted()
    const call = start((err, res) => {
      signal?.removeEventListener('abort', cancel)
      if (err) reject(fromGrpcError(err))
      else resolve(res as Res)
    })
    const cancel = () => call.cancel()
    signal?.addEventListener('abort', cancel, { once: true })
  })
}

/**
 * Messages of a server-streaming call. Breaking out of the loop, or aborting `signal`, cancels
 * the call on the server, so an HTTP client going away stops the work behind it.
 */
export async function* streamMessages<T>(call: grpc.ClientReadableStream<T>, signal?: AbortSignal): AsyncGenerator<T> {
  const cancel = () => call.cancel()
  signal?.addEventListener('abort', cancel, { once: true })
  let finished = false
  try {
    for await (const message of call as AsyncIterable<T>) yield message
    finished = true
  } catch (err) {
    if (signal?.aborted)
      throw signal.reason instanceof Error ? signal.reason : new NetSwarmError('CANCELLED', 'cancelled')
    throw fromGrpcError(err)
  } finally {
    signal?.removeEventListener('abort', cancel)
    if (!finished) call.cancel()
  }
}

/** int64 fields arrive as strings (`longs: String`); files stay far below 2^53 bytes. */
export function num(value: string | number | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value)
}

/** The message type of a server-streaming client method. */
export type StreamOutput<F> = F extends (...args: any[]) => grpc.ClientReadableStream<infer T> ? T : never
