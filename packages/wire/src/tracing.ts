/**
 * Peer-to-peer requests as OpenTelemetry spans, joined across peers by W3C trace context carried
 * in REQUEST_TRACED (docs/protocol.md#trace-context). Only the API is used: without an SDK
 * registered (telemetry off) there is never a sampled span, so nothing extra is sent or allocated.
 */
import {
  type Context,
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  type TextMapGetter,
  type TextMapSetter,
  TraceFlags,
  trace,
} from '@opentelemetry/api'
import type { WireTraceContext } from './codec.ts'

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

type Carrier = { traceparent?: string; tracestate?: string }

// Only the two W3C trace context fields travel; whatever else the global propagator writes
// (baggage) is dropped, so a peer's requests never carry application data by accident.
const setter: TextMapSetter<Carrier> = {
  set(carrier, key, value) {
    if (key === 'traceparent') carrier.traceparent = value
    else if (key === 'tracestate') carrier.tracestate = value
  },
}
const getter: TextMapGetter<WireTraceContext> = {
  keys: () => ['traceparent', 'tracestate'],
  get: (carrier, key) =>
    key === 'traceparent' ? carrier.traceparent : key === 'tracestate' ? carrier.tracestate : undefined,
}

/** True when a sampled span is active: a lookup only, nothing is allocated. */
export function hasSampledSpan(): boolean {
  const span = trace.getSpanContext(context.active())
  return span !== undefined && (span.traceFlags & TraceFlags.SAMPLED) !== 0
}

/**
 * Trace context to send with an outbound request: undefined unless a sampled span is active and
 * the registered propagator produces a `traceparent` (no propagator registered: nothing).
 */
export function outboundTraceContext(): WireTraceContext | undefined {
  if (!hasSampledSpan()) return undefined
  const active = context.active()
  const carrier: Carrier = {}
  propagation.inject(active, carrier, setter)
  if (!carrier.traceparent) return undefined
  return carrier.tracestate
    ? { traceparent: carrier.traceparent, tracestate: carrier.tracestate }
    : (carrier as WireTraceContext)
}

/** What the serving side reports about one traced request once it is answered. */
export interface HandleOutcome {
  responseBytes: number
  /** The error sent to the requester (handler failure), if any. */
  error?: unknown
}

/**
 * Serves one REQUEST_TRACED: a SERVER span whose parent is the requester's span (when its
 * context is valid; a malformed one is ignored and the span starts a new trace), with `run`
 * (the handler and its replies) inside it, so the handler's own spans and requests join.
 */
export async function traceHandle(
  traceContext: WireTraceContext,
  remotePeerId: string,
  remoteAddress: string,
  requestBytes: number,
  run: (outcome: HandleOutcome) => Promise<void>,
): Promise<void> {
  const parent: Context = propagation.extract(ROOT_CONTEXT, traceContext, getter)
  const span = tracer.startSpan(
    'netswarm.wire/handle',
    {
      kind: SpanKind.SERVER,
      attributes: {
        'netswarm.peer_id': remotePeerId,
        'client.address': remoteAddress,
        'netswarm.request_bytes': requestBytes,
      },
    },
    parent,
  )
  const outcome: HandleOutcome = { responseBytes: 0 }
  try {
    await context.with(trace.setSpan(parent, span), run, undefined, outcome)
  } finally {
    span.setAttribute('netswarm.response_bytes', outcome.responseBytes)
    if (outcome.error !== undefined) {
      const err = outcome.error instanceof Error ? outcome.error : new Error(String(outcome.error))
      span.recordException(err)
      span.setStatus({ code: SpanStatusCode.ERROR, message: err.message })
    }
    span.end()
  }
}
