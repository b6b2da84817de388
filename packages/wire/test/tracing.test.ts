import assert from 'node:assert/strict'
import { test } from 'node:test'
import { SpanStatusCode, trace } from '@opentelemetry/api'
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { dec, enc, pair } from './helpers.ts'

test('each outbound request is a CLIENT span naming the remote peer, with byte counts and errors', async (t) => {
  const exporter = new InMemorySpanExporter()
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] })
  trace.setGlobalTracerProvider(provider)
  t.after(async () => {
    trace.disable()
    await provider.shutdown()
  })
  const { client, serverIdentity } = await pair(t, {
    onRequest: async (body) => {
      if (dec(body) === 'fail') throw new Error('nope')
      return enc('pong!')
    },
  })
  await client.request(enc('ping'))
  await assert.rejects(client.request(enc('fail')))
  const spans = exporter.getFinishedSpans().filter((s) => s.name === 'netswarm.wire/request')
  assert.equal(spans.length, 2)
  assert.equal(spans[0].attributes['netswarm.peer_id'], serverIdentity.peerId.toString())
  assert.equal(spans[0].attributes['netswarm.request_bytes'], 4)
  assert.equal(spans[0].attributes['netswarm.response_bytes'], 5)
  assert.equal(spans[1].status.code, SpanStatusCode.ERROR)
})
