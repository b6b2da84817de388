import { type Span, SpanKind, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { registerInstrumentations } from '@opentelemetry/instrumentation'
import { GrpcInstrumentation } from '@opentelemetry/instrumentation-grpc'
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http'
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources'
import { BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler } from '@opentelemetry/sdk-trace-base'
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node'
import type { TelemetryConfig } from './config.ts'

/** A started (or disabled) tracing setup. */
export interface Telemetry {
  readonly enabled: boolean
  /** Tracer for NetSwarm's own spans (peer-to-peer requests); a no-op tracer when disabled. */
  readonly tracer: Tracer
  /** Exports what is buffered, then stops. Safe to call more than once. */
  shutdown(): Promise<void>
}

/** Paths never traced: probes and scrapes would otherwise drown the real requests. */
const UNTRACED_PATHS = new Set(['/metrics', '/healthz', '/readyz'])

/** Spans are sent at most this long after they end (short, since pods are stopped with SIGTERM). */
const EXPORT_DELAY_MS = 1000

const TRACER_NAME = '@netswarm/telemetry'
const ACTIVE = Symbol.for('netswarm.telemetry')

/**
 * Starts the OTel SDK: OTLP/HTTP (JSON) export, gRPC client+server and HTTP server
 * instrumentation, W3C trace context. Does nothing when `config.enabled` is false.
 * For ESM services the import hook must be registered before `@grpc/grpc-js` is imported;
 * `@netswarm/telemetry/register` does both in the right order.
 */
export function initTelemetry(config: TelemetryConfig): Telemetry {
  const existing = activeTelemetry()
  if (existing) return existing
  if (!config.enabled || !config.tracesUrl) {
    return { enabled: false, tracer: trace.getTracer(TRACER_NAME), shutdown: async () => {} }
  }
  const resource = resourceFromAttributes({
    'service.name': config.serviceName,
    'service.namespace': 'netswarm',
    // In Kubernetes HOSTNAME is the pod name (= the peer), which is what operators search by.
    'service.instance.id': process.env.HOSTNAME ?? String(process.pid),
  }).merge(detectResources({ detectors: [envDetector] }))
  const provider = new NodeTracerProvider({
    resource,
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(config.sampleRatio) }),
    spanProcessors: [
      new BatchSpanProcessor(new OTLPTraceExporter({ url: config.tracesUrl }), {
        scheduledDelayMillis: EXPORT_DELAY_MS,
      }),
    ],
  })
  provider.register()
  const unregister = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new GrpcInstrumentation(),
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => UNTRACED_PATHS.has((req.url ?? '').split('?')[0] ?? ''),
        // Outgoing HTTP is only the exporter itself (and Prometheus never is): no client spans.
        ignoreOutgoingRequestHook: () => true,
      }),
    ],
  })
  let stopped: Promise<void> | undefined
  const telemetry: Telemetry = {
    enabled: true,
    tracer: provider.getTracer(TRACER_NAME),
    shutdown() {
      stopped ??= (async () => {
        unregister()
        await provider.shutdown()
        delete (globalThis as Record<symbol, unknown>)[ACTIVE]
      })()
      return stopped
    },
  }
  ;(globalThis as Record<symbol, unknown>)[ACTIVE] = telemetry
  return telemetry
}

/** The telemetry started in this process (by `register` or `initTelemetry`), if any. */
export function activeTelemetry(): Telemetry | undefined {
  return (globalThis as Record<symbol, unknown>)[ACTIVE] as Telemetry | undefined
}

/**
 * Runs `fn` inside a span (kind CLIENT by default: a request to another peer), recording an
 * error status when it throws. Costs nothing measurable when tracing is off (no-op tracer).
 */
export async function withSpan<T>(
  name: string,
  attributes: Record<string, string | number | boolean>,
  fn: (span: Span) => Promise<T>,
  kind: SpanKind = SpanKind.CLIENT,
): Promise<T> {
  const tracer = activeTelemetry()?.tracer ?? trace.getTracer(TRACER_NAME)
  return tracer.startActiveSpan(name, { kind, attributes }, async (span) => {
    try {
      return await fn(span)
    } catch (err) {
      span.recordException(err as Error)
      span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message })
      throw err
    } finally {
      span.end()
    }
  })
}
