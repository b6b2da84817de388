import assert from 'node:assert/strict'
import { test } from 'node:test'
import { activeTelemetry, initTelemetry, withSpan } from '@netswarm/telemetry'

test('withSpan without tracing: returns the result and rethrows errors (no-op tracer)', async () => {
  assert.equal(activeTelemetry(), undefined)
  assert.equal(await withSpan('peer.request', { 'netswarm.peer_id': 'p' }, async () => 42), 42)
  await assert.rejects(
    withSpan('peer.request', {}, async () => {
      throw new Error('peer went away')
    }),
    /peer went away/,
  )
})

test('initTelemetry with tracing off starts nothing and registers nothing', async () => {
  const telemetry = initTelemetry({ enabled: false, serviceName: 'netswarm-x', sampleRatio: 1 })
  assert.equal(telemetry.enabled, false)
  assert.equal(activeTelemetry(), undefined)
  await telemetry.shutdown()
})
