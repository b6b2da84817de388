/**
 * Trace context on the wire (docs/protocol.md#trace-context): real TCP sessions on 127.0.0.1,
 * a real tracer provider, AsyncLocalStorage context manager and W3C propagator.
 */
import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import { generateIdentity } from '@netswarm/identity'
import { NotFoundError } from '@netswarm/runtime/errors'
import { context, propagation, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api'
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'
import { W3CTraceContextPropagator } from '@opentelemetry/core'
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  type Sampler,
  SimpleSpanProcessor,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base'
import {
  decodeErrorBody,
  decodeMessage,
  decodeTracedRequest,
  encodeMessage,
  encodeTraceContextPrefix,
  FrameDecoder,
  MAX_FRAME_BYTES,
  MessageType,
  type WireMessage,
} from '../src/index.ts'
import { dec, enc, pair } from './helpers.ts'
import { type RawSession, rawHandshake } from './raw-client.ts'
import { plainRequestFrame, recordingServer } from './recording-server.ts'

const exporter = new InMemorySpanExporter()
const waiters = new Set<() => void>()
const notify: SpanProcessor = {
  onStart: () => {},
  onEnd: () => {
    for (const wake of waiters) wake()
  },
  forceFlush: async () => {},
  shutdown: async () => {},
}
/** Samples everything unless a test switches it (the wire's tracer is bound to this provider once). */
let sampler: Sampler = new AlwaysOnSampler()
const switchable: Sampler = {
  shouldSample: (...args) => sampler.shouldSample(...args),
  toString: () => 'switchable',
}
// Registered once for this file: @opentelemetry/api binds a module's tracer to the first provider
// it sees, so a provider per test would leave the wire's spans with the first one.
const provider = new BasicTracerProvider({
  sampler: switchable,
  spanProcessors: [new SimpleSpanProcessor(exporter), notify],
})
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable())
trace.setGlobalTracerProvider(provider)
propagation.setGlobalPropagator(new W3CTraceContextPropagator())
after(() => provider.shutdown())

/** Starts a test with no finished spans, sampling with `use` (default: every span). */
function useTracing(t: { after(fn: () => void): void }, use?: Sampler): void {
  exporter.reset()
  if (use) sampler = use
  t.after(() => {
    sampler = new AlwaysOnSampler()
  })
}

/** Resolves once `count` spans named `name` have ended (SERVER spans end after their reply is sent). */
function ended(name: string, count: number): Promise<ReadableSpan[]> {
  const named = () => exporter.getFinishedSpans().filter((s) => s.name === name)
  return new Promise((resolve) => {
    const check = () => {
      if (named().length < count) return
      waiters.delete(check)
      resolve(named())
    }
    waiters.add(check)
    check()
  })
}

const testTracer = () => trace.getTracer('trace-context.test')

/** Runs `fn` inside an active span named `name`, ending it afterwards. */
function inSpan<T>(name: string, fn: (span: Span) => Promise<T>): Promise<T> {
  return testTracer().startActiveSpan(name, (span) => fn(span).finally(() => span.end()))
}

function one(spans: ReadableSpan[], name: string): ReadableSpan {
  const found = spans.filter((s) => s.name === name)
  assert.equal(found.length, 1, `expected one ${name} span, got ${found.length}`)
  return found[0]
}

const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId

test('a request made inside a span continues on the serving peer as a SERVER span of the same trace', async (t) => {
  useTracing(t)
  const { client, clientIdentity } = await pair(t, {
    onRequest: async (body) =>
      // The handler's own work (a DHT lookup, reading a chunk) runs inside the SERVER span.
      inSpan('seeder-work', async () => enc(`${dec(body)}!`)),
  })
  const response = await inSpan('download', () => client.request(enc('chunk?')))
  assert.equal(dec(response), 'chunk?!')
  await ended('netswarm.wire/handle', 1)

  const spans = exporter.getFinishedSpans()
  const download = one(spans, 'download')
  const request = one(spans, 'netswarm.wire/request')
  const handle = one(spans, 'netswarm.wire/handle')
  const work = one(spans, 'seeder-work')
  const traceId = download.spanContext().traceId
  for (const span of [request, handle, work]) assert.equal(span.spanContext().traceId, traceId)
  assert.equal(parentOf(request), download.spanContext().spanId)
  assert.equal(parentOf(handle), request.spanContext().spanId)
  assert.equal(handle.parentSpanContext?.isRemote, true)
  assert.equal(parentOf(work), handle.spanContext().spanId)
  assert.equal(handle.kind, SpanKind.SERVER)
  assert.equal(handle.attributes['netswarm.peer_id'], clientIdentity.peerId.toString())
  // The request body as the handler saw it: the trace context is not part of it.
  assert.equal(handle.attributes['netswarm.request_bytes'], 6)
  assert.equal(handle.attributes['netswarm.response_bytes'], 7)
  assert.equal(handle.status.code, SpanStatusCode.UNSET)
})

test("the serving peer's own requests join the trace, and handler errors mark the SERVER span", async (t) => {
  useTracing(t)
  const { client } = await pair(
    t,
    {
      onRequest: async (body, { session }) => {
        if (dec(body) === 'missing') throw new NotFoundError('no such chunk')
        // A lookup that asks the requester back, like a DHT node forwarding a query.
        const back = await session.request(enc('who?'))
        return enc(`forwarded ${dec(back)}`)
      },
    },
    { clientHandlers: { onRequest: async () => enc('me') } },
  )
  await inSpan('lookup', async () => {
    assert.equal(dec(await client.request(enc('find'))), 'forwarded me')
    await assert.rejects(client.request(enc('missing')), /no such chunk/)
  })
  await ended('netswarm.wire/handle', 3)

  const spans = exporter.getFinishedSpans()
  const lookup = one(spans, 'lookup')
  const traceId = lookup.spanContext().traceId
  assert.ok(
    spans.every((s) => s.spanContext().traceId === traceId),
    'every span belongs to the one trace',
  )
  const requests = spans.filter((s) => s.name === 'netswarm.wire/request')
  const handles = spans.filter((s) => s.name === 'netswarm.wire/handle')
  assert.equal(requests.length, 3)
  assert.equal(handles.length, 3)
  // Each SERVER span's parent is a CLIENT span on the other peer; the nested request's
  // CLIENT span is a child of the first SERVER span.
  const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]))
  for (const handle of handles) assert.equal(byId.get(parentOf(handle)!)?.name, 'netswarm.wire/request')
  const nested = requests.find((r) => byId.get(parentOf(r)!)?.name === 'netswarm.wire/handle')
  assert.ok(nested, "the serving peer's request is a child of its SERVER span")
  const failed = handles.find((h) => h.status.code === SpanStatusCode.ERROR)
  assert.equal(failed?.status.message, 'no such chunk')
})

test("stream requests carry the caller's context and the SERVER span counts every item", async (t) => {
  useTracing(t)
  const { client } = await pair(t, {
    onRequest: async () =>
      (async function* () {
        yield enc('abc')
        yield enc('defg')
      })(),
  })
  const items = await inSpan('fetch', async () => {
    const out: string[] = []
    for await (const item of client.requestStream(enc('list'))) out.push(dec(item))
    return out
  })
  assert.deepEqual(items, ['abc', 'defg'])
  await ended('netswarm.wire/handle', 1)
  const spans = exporter.getFinishedSpans()
  const fetch = one(spans, 'fetch')
  const handle = one(spans, 'netswarm.wire/handle')
  assert.equal(parentOf(handle), fetch.spanContext().spanId)
  assert.equal(handle.attributes['netswarm.response_bytes'], 7)
})

test('without a sampled span, or to a peer that predates trace context, a request is the same bytes as before', async (t) => {
  const body = enc('get 0123456789')
  useTracing(t)
  const { session, messages } = await recordingServer(t, true)
  // Tracing on but no span active: the wire's own CLIENT span is sampled, but it starts a trace
  // of its own, and background requests (DHT refresh, pings) keep their bytes.
  await session.request(body)
  assert.equal(messages[0].message.type, MessageType.REQUEST)
  assert.equal(messages[0].frameBytes, plainRequestFrame(body.length))
  // A peer without FLAG_TRACE_CONTEXT never gets REQUEST_TRACED, even inside a sampled span.
  const old = await recordingServer(t, false)
  await inSpan('download', () => old.session.request(body))
  assert.equal(old.messages[0].message.type, MessageType.REQUEST)
  assert.equal(old.messages[0].frameBytes, plainRequestFrame(body.length))
  // The same request to a current peer inside that span carries the context.
  await inSpan('download', () => session.request(body))
  assert.equal(messages[1].message.type, MessageType.REQUEST_TRACED)
  const traced = decodeTracedRequest(messages[1].message.body)
  assert.deepEqual(new Uint8Array(traced.body), body)
  const clientSpan = exporter
    .getFinishedSpans()
    .filter((s) => s.name === 'netswarm.wire/request')
    .at(-1)!
  const { traceId, spanId } = clientSpan.spanContext()
  assert.equal(traced.traceContext.traceparent, `00-${traceId}-${spanId}-01`)
  assert.equal(messages[1].frameBytes, plainRequestFrame(body.length) + 1 + 55 + 2)
})

test('an unsampled span sends a plain REQUEST', async (t) => {
  useTracing(t, new AlwaysOffSampler())
  const { session, messages } = await recordingServer(t, true)
  const body = enc('x')
  await inSpan('download', () => session.request(body))
  assert.equal(messages[0].message.type, MessageType.REQUEST)
  assert.equal(messages[0].frameBytes, plainRequestFrame(body.length))
})

/** Sends one raw message on `raw` and resolves with the first message that answers it. */
function exchange(raw: RawSession, message: WireMessage): Promise<WireMessage> {
  const decoder = new FrameDecoder(MAX_FRAME_BYTES)
  const answer = new Promise<WireMessage>((resolve, reject) => {
    raw.socket.on('data', (chunk: Buffer) =>
      decoder.push(chunk, (payload) => {
        const m = decodeMessage(raw.opener.open(payload))
        if (m.id === message.id) resolve({ ...m, body: Buffer.from(m.body) })
      }),
    )
    raw.socket.once('close', () => reject(new Error('connection closed')))
  })
  raw.socket.write(Buffer.concat(raw.sealer.seal([encodeMessage(message)])))
  return answer
}

test('a malformed traceparent from a peer is ignored: the request is served in a new trace', async (t) => {
  useTracing(t)
  const { listener } = await pair(t, { onRequest: async (body) => enc(`got ${dec(body)}`) })
  const raw = await rawHandshake(listener.port, generateIdentity())
  t.after(() => raw.socket.destroy())
  const garbage = ['not-a-traceparent', '00-00000000000000000000000000000000-0000000000000000-01', 'ÿ\u0000\n']
  for (const [i, traceparent] of garbage.entries()) {
    const prefix = encodeTraceContextPrefix({ traceparent, tracestate: '=,=,' })
    const body = Buffer.concat([prefix, enc('hello')])
    const reply = await exchange(raw, { type: MessageType.REQUEST_TRACED, id: i + 1, body })
    assert.equal(reply.type, MessageType.RESPONSE)
    assert.equal(dec(reply.body), 'got hello')
    raw.socket.removeAllListeners('data')
  }
  const handles = await ended('netswarm.wire/handle', garbage.length)
  assert.equal(handles.length, garbage.length)
  for (const handle of handles) assert.equal(handle.parentSpanContext, undefined, 'a root span, not a bogus parent')
})

test('a REQUEST_TRACED whose context runs past its body is a protocol error for that connection only', async (t) => {
  useTracing(t)
  const { listener } = await pair(t, { onRequest: async () => enc('ok') })
  const cases = [
    Buffer.from([0]), // no traceparent
    Buffer.from([60, 0x30, 0x30]), // traceparent longer than the body
    Buffer.concat([Buffer.from([1, 0x30]), Buffer.from([0x02, 0x01])]), // tracestate over 512 bytes
    Buffer.concat([Buffer.from([1, 0x30]), Buffer.from([0x00, 0x09]), Buffer.from('abc')]), // truncated tracestate
  ]
  for (const body of cases) {
    const raw = await rawHandshake(listener.port, generateIdentity())
    await assert.rejects(exchange(raw, { type: MessageType.REQUEST_TRACED, id: 1, body }), /connection closed/)
  }
  // The listener still serves well-formed requests.
  const raw = await rawHandshake(listener.port, generateIdentity())
  t.after(() => raw.socket.destroy())
  const reply = await exchange(raw, { type: MessageType.REQUEST, id: 7, body: enc('hi') })
  assert.equal(
    reply.type,
    MessageType.RESPONSE,
    reply.type === MessageType.ERROR ? decodeErrorBody(reply.body).message : '',
  )
})
