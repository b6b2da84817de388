import assert from 'node:assert/strict'
import { test } from 'node:test'
import { loadTelemetryConfig } from '@netswarm/telemetry'

test('tracing is off without an OTLP endpoint', () => {
  const config = loadTelemetryConfig({ NETSWARM_SERVICE: 'dht' })
  assert.equal(config.enabled, false)
  assert.equal(config.serviceName, 'netswarm-dht')
})

test('OTEL_EXPORTER_OTLP_ENDPOINT gets /v1/traces appended; the traces endpoint is used as is', () => {
  assert.equal(
    loadTelemetryConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }).tracesUrl,
    'http://collector:4318/v1/traces',
  )
  const both = loadTelemetryConfig({
    OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318',
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://b:4318/custom',
  })
  assert.equal(both.enabled, true)
  assert.equal(both.tracesUrl, 'http://b:4318/custom')
})

test('OTEL_SDK_DISABLED=true wins over an endpoint; OTEL_SERVICE_NAME wins over NETSWARM_SERVICE', () => {
  const config = loadTelemetryConfig({
    OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318',
    OTEL_SDK_DISABLED: 'true',
    OTEL_SERVICE_NAME: 'custom',
    NETSWARM_SERVICE: 'dht',
  })
  assert.equal(config.enabled, false)
  assert.equal(config.serviceName, 'custom')
})

test('a bad sampler ratio falls back to 1', () => {
  assert.equal(loadTelemetryConfig({ OTEL_TRACES_SAMPLER_ARG: '7' }).sampleRatio, 1)
  assert.equal(loadTelemetryConfig({ OTEL_TRACES_SAMPLER_ARG: '0.25' }).sampleRatio, 0.25)
})
