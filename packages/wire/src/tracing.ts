/**
 * Peer-to-peer requests as OpenTelemetry spans. Only the API is used: without an SDK registered
 * (telemetry off) the tracer is a no-op and costs next to nothing per request.
 */
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api'

const tracer = trace.getTracer('@netswarm/wire')

/** Runs one outbound request inside a CLIENT span named after the wire protocol. */
export function traceRequest(
  remotePeerId: string,
  remoteAddress: string,
  requestBytes: number,
  run: () => Promise<Uint8Array>,
): Promise<Uint8Array> {
  return tracer.startActiveSpan(
    'netswarm.wire/request',
    {
      kind: SpanKind.CLIENT,
      attributes: {
        'netswarm.peer_id': remotePeerId,
        'server.address': remoteAddress,
        'netswarm.request_bytes': requestBytes,
      },
    },
    (span) =>
      run().then(
        (response) => {
          span.setAttribute('netswarm.response_bytes', response.byteLength)
          span.end()
          return response
        },
        (err: Error) => {
          span.recordException(err)
          span.setStatus({ code: SpanStatusCode.ERROR, message: err.message })
          span.end()
          throw err
        },
      ),
  )
}
