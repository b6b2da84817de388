import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import fc from 'fast-check'
import {
  ClientHandshake,
  DecryptError,
  decodeClientAuth,
  decodeClientHello,
  decodeErrorBody,
  decodeMessage,
  decodeServerHello,
  decodeTracedRequest,
  encodeClientAuth,
  encodeClientHello,
  encodeErrorBody,
  encodeFrame,
  encodeMessage,
  encodeServerHello,
  encodeTraceContextPrefix,
  FLAG_TRACE_CONTEXT,
  FrameDecoder,
  FrameOpener,
  FrameSealer,
  type HandshakeInit,
  type HandshakeResult,
  MAX_TRACESTATE_BYTES,
  MessageType,
  ServerHandshake,
  WireFormatError,
} from '../src/index.ts'
import { FIXTURES, goldenClient, goldenServer } from './golden.ts'

/** Splits `bytes` at the given cut points. */
function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)
  const parts: Uint8Array[] = []
  let last = 0
  for (const p of points) {
    parts.push(bytes.subarray(last, p))
    last = p
  }
  parts.push(bytes.subarray(last))
  return parts
}

test('frames round trip through the incremental decoder under any chunking', () => {
  fc.assert(
    fc.property(
      fc.array(fc.uint8Array({ minLength: 1, maxLength: 300 }), { maxLength: 20 }),
      fc.array(fc.nat(), { maxLength: 30 }),
      (payloads, cuts) => {
        const stream = Buffer.concat(payloads.map((p) => encodeFrame(p)))
        const decoder = new FrameDecoder(300)
        const out: Buffer[] = []
        for (const chunk of split(stream, cuts)) decoder.push(chunk, (p) => out.push(Buffer.from(p)))
        assert.deepEqual(
          out,
          payloads.map((p) => Buffer.from(p)),
        )
        assert.equal(decoder.bufferedBytes, 0)
      },
    ),
  )
})

test('large frames split across chunks round trip (reused assembly buffer)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 1, max: 200_000 }), { minLength: 1, maxLength: 6 }),
      fc.array(fc.nat(), { maxLength: 40 }),
      (sizes, cuts) => {
        const payloads = sizes.map((n, i) => Buffer.alloc(n, i + 1))
        const stream = Buffer.concat(payloads.map((p) => encodeFrame(p)))
        const decoder = new FrameDecoder(200_000)
        const out: Buffer[] = []
        for (const chunk of split(stream, cuts)) decoder.push(chunk, (p) => out.push(Buffer.from(p)))
        assert.deepEqual(out, payloads)
      },
    ),
    { numRuns: 50 },
  )
})

test('the decoder never buffers past its maximum and fails only with WireFormatError', () => {
  fc.assert(
    fc.property(fc.array(fc.uint8Array({ maxLength: 2000 }), { maxLength: 10 }), (chunks) => {
      const decoder = new FrameDecoder(1000)
      try {
        for (const chunk of chunks) {
          decoder.push(chunk, (p) => assert.ok(p.length <= 1000))
          assert.ok(decoder.bufferedBytes <= 1004)
        }
      } catch (err) {
        assert.ok(err instanceof WireFormatError, String(err))
      }
    }),
  )
  assert.throws(
    () => new FrameDecoder(1000).push(Buffer.from([0, 0, 3, 233]), () => {}),
    (err: unknown) => err instanceof WireFormatError && err.offset === 0,
  )
})

test('messages, error bodies and handshake messages round trip', () => {
  const type = fc.constantFrom(...Object.values(MessageType))
  fc.assert(
    fc.property(type, fc.nat({ max: 0xffffffff }), fc.uint8Array({ maxLength: 500 }), (t, id, body) => {
      const back = decodeMessage(encodeMessage({ type: t, id, body }))
      assert.deepEqual({ ...back, body: Buffer.from(back.body) }, { type: t, id, body: Buffer.from(body) })
    }),
  )
  fc.assert(
    fc.property(fc.stringMatching(/^[A-Z_]{0,40}$/), fc.string({ maxLength: 200 }), (code, message) => {
      assert.deepEqual(decodeErrorBody(encodeErrorBody(code, message)), { code, message })
    }),
  )
  const key = fc.uint8Array({ minLength: 32, maxLength: 32 })
  const sig = fc.uint8Array({ minLength: 64, maxLength: 64 })
  const flags = fc.nat({ max: 0xffff })
  fc.assert(
    fc.property(flags, key, key, sig, (f, a, b, s) => {
      const hello = { version: 1, flags: f, ephemeralKey: a }
      assert.deepEqual(decodeClientHello(encodeClientHello(hello)), hello)
      const server = { version: 1, flags: f, ephemeralKey: a, staticKey: b, signature: s }
      assert.deepEqual(decodeServerHello(encodeServerHello(server)), server)
      const auth = { version: 1, flags: f, staticKey: b, signature: s }
      assert.deepEqual(decodeClientAuth(encodeClientAuth(auth)), auth)
    }),
  )
})

test('random bytes decode to a message or a WireFormatError, never anything else', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      for (const decode of [decodeMessage, decodeClientHello, decodeServerHello, decodeClientAuth, decodeErrorBody]) {
        try {
          decode(bytes)
        } catch (err) {
          assert.ok(err instanceof WireFormatError, `${decode.name}: ${err}`)
        }
      }
    }),
  )
})

test('sealed frames open in order; any flipped bit, replay or reorder is a DecryptError', () => {
  const key = Buffer.alloc(32, 7)
  fc.assert(
    fc.property(
      fc.array(fc.uint8Array({ maxLength: 100 }), { minLength: 1, maxLength: 4 }),
      fc.nat(),
      fc.nat({ max: 7 }),
      (parts, at, bit) => {
        const sealer = new FrameSealer(key)
        const frame = Buffer.concat(sealer.seal(parts))
        const payload = frame.subarray(4)
        assert.deepEqual(new FrameOpener(key).open(payload), Buffer.concat(parts))
        const tampered = Buffer.from(payload)
        tampered[at % tampered.length] ^= 1 << bit
        assert.throws(() => new FrameOpener(key).open(tampered), DecryptError)
        const opener = new FrameOpener(key)
        opener.open(payload)
        assert.throws(() => opener.open(payload), DecryptError) // replay
        const second = Buffer.concat(sealer.seal(parts)).subarray(4)
        assert.throws(() => new FrameOpener(key).open(second), DecryptError) // out of order
      },
    ),
  )
})

/** Runs the deterministic handshake of test/golden.ts and returns every message and result. */
function goldenHandshake(extra: { client?: Partial<HandshakeInit>; server?: Partial<HandshakeInit> } = {}): {
  messages: Buffer[]
  client: HandshakeResult
  server: HandshakeResult
} {
  const client = new ClientHandshake({ ...goldenClient(), ...extra.client })
  const server = new ServerHandshake({ ...goldenServer(), ...extra.server })
  const messages: Buffer[] = []
  const send = (cmds: ReturnType<typeof client.start>) => {
    let established: HandshakeResult | undefined
    for (const c of cmds) {
      if (c.type === 'send') messages.push(c.payload)
      else established = c.result
    }
    return established
  }
  send(client.start())
  send(server.advance(messages[0]))
  const clientResult = send(client.advance(messages[1]))!
  const serverResult = send(server.advance(messages[2]))!
  return { messages, client: clientResult, server: serverResult }
}

test('golden handshake bytes, session keys and first frame', () => {
  const { messages, client, server } = goldenHandshake()
  const names = ['client-hello', 'server-hello', 'client-auth']
  messages.forEach((m, i) => {
    assert.deepEqual(m, readFileSync(new URL(`${names[i]}.bin`, FIXTURES)), names[i])
  })
  assert.deepEqual(client.sendKey, server.receiveKey)
  assert.deepEqual(client.receiveKey, server.sendKey)
  assert.notDeepEqual(client.sendKey, client.receiveKey)
  const ready = Buffer.concat(
    new FrameSealer(server.sendKey).seal([encodeMessage({ type: MessageType.READY, id: 0, body: new Uint8Array(0) })]),
  )
  assert.deepEqual(ready, readFileSync(new URL('server-ready.bin', FIXTURES)))
  assert.deepEqual(decodeMessage(new FrameOpener(client.receiveKey).open(ready.subarray(4))).type, MessageType.READY)
})

test('FLAG_TRACE_CONTEXT is negotiated per side and changes nothing but that bit', () => {
  const plain = goldenHandshake()
  assert.equal(plain.client.remoteTraceContext, false)
  assert.equal(plain.server.remoteTraceContext, false)
  const both = goldenHandshake({ client: { traceContext: true }, server: { traceContext: true } })
  assert.equal(both.client.remoteTraceContext, true)
  assert.equal(both.server.remoteTraceContext, true)
  for (const [i, m] of both.messages.entries()) {
    assert.equal(m.length, plain.messages[i].length)
    assert.equal(m.readUInt16BE(6), FLAG_TRACE_CONTEXT)
  }
  // Against a peer that predates the flag, each side learns the other cannot take REQUEST_TRACED.
  const oldServer = goldenHandshake({ client: { traceContext: true } })
  assert.equal(oldServer.client.remoteTraceContext, false)
  assert.equal(oldServer.server.remoteTraceContext, true)
  const oldClient = goldenHandshake({ server: { traceContext: true } })
  assert.equal(oldClient.client.remoteTraceContext, true)
  assert.equal(oldClient.server.remoteTraceContext, false)
})

test('REQUEST_TRACED trace context round-trips, and an oversized tracestate is dropped whole', () => {
  const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01'
  const body = Buffer.from('request body')
  const prefix = encodeTraceContextPrefix({ traceparent, tracestate: 'congo=t61rcWkgMzE' })
  const decoded = decodeTracedRequest(Buffer.concat([prefix, body]))
  assert.deepEqual(decoded.traceContext, { traceparent, tracestate: 'congo=t61rcWkgMzE' })
  assert.deepEqual(Buffer.from(decoded.body), body)
  const long = encodeTraceContextPrefix({ traceparent, tracestate: 'x'.repeat(MAX_TRACESTATE_BYTES + 1) })
  assert.equal(long.length, 1 + traceparent.length + 2)
  assert.deepEqual(decodeTracedRequest(long).traceContext, { traceparent })
  assert.equal(decodeTracedRequest(long).body.length, 0)
  assert.throws(() => encodeTraceContextPrefix({ traceparent: '' }), WireFormatError)
  assert.throws(() => encodeTraceContextPrefix({ traceparent: 'x'.repeat(256) }), WireFormatError)
  // Every truncation of a valid body is refused with WireFormatError, never a crash or a misread.
  const whole = Buffer.concat([prefix])
  for (let n = 0; n < whole.length; n++) assert.throws(() => decodeTracedRequest(whole.subarray(0, n)), WireFormatError)
})
