/**
 * Tracing off (no tracer provider, context manager or propagator registered, as in a service
 * started without OTEL settings): a request to a peer that accepts trace context is byte for byte
 * the REQUEST it always was. Its own file: the API binds tracers to the first provider registered.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { MessageType } from '../src/index.ts'
import { dec, enc } from './helpers.ts'
import { plainRequestFrame, recordingServer } from './recording-server.ts'

test('with tracing off a request costs no extra bytes, even to a peer that accepts trace context', async (t) => {
  const { session, messages } = await recordingServer(t, true)
  for (const body of [enc('get 0123456789'), enc('')]) {
    assert.equal(dec(await session.request(body)), 'ok')
  }
  assert.equal(messages.length, 2)
  for (const [i, size] of [14, 0].entries()) {
    assert.equal(messages[i].message.type, MessageType.REQUEST)
    assert.equal(messages[i].message.body.length, size)
    assert.equal(messages[i].frameBytes, plainRequestFrame(size))
  }
})
