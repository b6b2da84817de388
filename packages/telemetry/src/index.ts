export { loadTelemetryConfig, SERVICE_NAME_PREFIX, type TelemetryConfig } from './config.ts'
export { activeTelemetry, initTelemetry, type Telemetry, withSpan } from './tracing.ts'
