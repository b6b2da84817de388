/**
 * Telemetry settings, read from the standard OpenTelemetry variables so that an operator's
 * collector configuration (Helm values, OTel operator injection) works unchanged.
 */
export interface TelemetryConfig {
  /** True when an OTLP endpoint is configured and `OTEL_SDK_DISABLED` is not `true`. */
  enabled: boolean
  /** `service.name` of the spans, e.g. `netswarm-gateway`. */
  serviceName: string
  /** Full OTLP/HTTP traces URL (`.../v1/traces`), when enabled. */
  tracesUrl?: string
  /** Fraction of new root traces kept, 0..1. @default 1 */
  sampleRatio: number
}

/** Prefix of every NetSwarm service's `service.name`. */
export const SERVICE_NAME_PREFIX = 'netswarm-'

/**
 * Reads `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` (used as is) or `OTEL_EXPORTER_OTLP_ENDPOINT`
 * (`/v1/traces` appended, as the OTLP spec says), `OTEL_SDK_DISABLED`, `OTEL_SERVICE_NAME`
 * (else `netswarm-<NETSWARM_SERVICE>`) and `OTEL_TRACES_SAMPLER_ARG` (a ratio).
 * Tracing is off unless an endpoint is set: a service never tries to export to a default address.
 */
export function loadTelemetryConfig(env: NodeJS.ProcessEnv = process.env): TelemetryConfig {
  const service = env.NETSWARM_SERVICE?.trim()
  const serviceName = env.OTEL_SERVICE_NAME?.trim() || `${SERVICE_NAME_PREFIX}${service || 'service'}`
  const ratio = Number(env.OTEL_TRACES_SAMPLER_ARG ?? '1')
  const sampleRatio = Number.isFinite(ratio) && ratio >= 0 && ratio <= 1 ? ratio : 1
  const disabled = (env.OTEL_SDK_DISABLED ?? '').trim().toLowerCase() === 'true'
  const traces = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim()
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim()
  const tracesUrl = traces || (base ? `${base.replace(/\/+$/, '')}/v1/traces` : undefined)
  if (disabled || !tracesUrl) return { enabled: false, serviceName, sampleRatio }
  return { enabled: true, serviceName, tracesUrl, sampleRatio }
}
