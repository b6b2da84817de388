import assert from 'node:assert/strict'
import { once } from 'node:events'
import { test } from 'node:test'
import { generateIdentity } from '@netswarm/identity'
import {
  ConnectionClosedError,
  connect,
  encodeMessage,
  listen,
  MessageType,
  TimeoutError,
  type WireSession,
  WriteQueueFullError,
} from '../src/index.ts'
import { dec, enc, pair } from './helpers.ts'
import { ManualClock } from './manual-clock.ts'
import { rawHandshake, rawServer } from './raw-client.ts'

/** A listener + client pair whose timers run on a manual clock. */
async function clockedPair(
  t: { after(fn: () => Promise<void>): void },
  onRequest: Parameters<typeof listen>[0]['handlers']['onRequest'],
) {
  const clock = new ManualClock()
  const server = generateIdentity()
  const listener = await listen({ identity: server, host: '127.0.0.1', port: 0, clock, handlers: { onRequest } })
  const client = await connect({ identity: generateIdentity(), host: '127.0.0.1', port: listener.port, clock })
  t.after(async () => {
    await client.close()
    await listener.close()
  })
  return { clock, client, listener }
}

function abortedSignal(): { signal: Promise<AbortSignal>; capture: (s: AbortSignal) => void } {
  let capture!: (s: AbortSignal) => void
  const signal = new Promise<AbortSignal>((resolve) => (capture = resolve))
  return { signal, capture }
}

test('a request times out on the injected clock and the peer sees the cancel', async (t) => {
  const seen = abortedSignal()
  const { clock, client } = await clockedPair(t, (_body, ctx) => {
    seen.capture(ctx.signal)
    return new Promise(() => {})
  })
  const pending = client.request(enc('slow'), { timeoutMs: 5000 })
  const signal = await seen.signal
  clock.advance(5000)
  await assert.rejects(pending, (err: unknown) => err instanceof TimeoutError && err.wireCode === 'TIMEOUT')
  if (!signal.aborted) await once(signal, 'abort')
  assert.ok(signal.aborted)
})

test('aborting a request rejects it and cancels the handler', async (t) => {
  const seen = abortedSignal()
  const { client } = await pair(t, {
    onRequest: (_body, ctx) => {
      seen.capture(ctx.signal)
      return new Promise(() => {})
    },
  })
  const controller = new AbortController()
  const pending = client.request(enc('x'), { signal: controller.signal })
  const signal = await seen.signal
  controller.abort()
  await assert.rejects(pending, { wireCode: 'ABORTED' })
  if (!signal.aborted) await once(signal, 'abort')
})

test('leaving a response stream early cancels the producer', async (t) => {
  const seen = abortedSignal()
  const { client } = await pair(
    t,
    {
      onRequest: async (_body, ctx) => {
        seen.capture(ctx.signal)
        return (async function* () {
          // 16 KiB items: fill kernel buffers with few frames, then backpressure holds the producer.
          for (let i = 0; ; i++) yield Buffer.concat([Buffer.from(`${i};`), Buffer.alloc(16 * 1024)])
        })()
      },
    },
    { limits: { maxWriteBufferBytes: 64 * 1024, maxInboundBufferBytes: 64 * 1024 } },
  )
  const got: string[] = []
  for await (const item of client.requestStream(enc('forever'))) {
    got.push(dec(item).split(';')[0])
    if (got.length === 3) break
  }
  assert.deepEqual(got, ['0', '1', '2'])
  const signal = await seen.signal
  if (!signal.aborted) await once(signal, 'abort')
  // The connection is still usable afterwards.
  const again = client.requestStream(enc('again'))[Symbol.asyncIterator]()
  assert.equal(dec((await again.next()).value as Uint8Array).split(';')[0], '0')
  await again.return?.()
})

test('keepalive measures RTT; an idle peer is closed on the clock', async (t) => {
  const { clock, client } = await clockedPair(t, async () => enc('ok'))
  clock.advance(15_000) // client (and server) send PING
  // PONG precedes the RESPONSE on the same ordered stream, so it has been processed.
  await client.request(enc('x'))
  assert.equal(typeof client.rttMs, 'number')

  // A raw client completes the handshake and then never answers: idle timeout closes it.
  const clock2 = new ManualClock()
  const listener = await listen({
    identity: generateIdentity(),
    host: '127.0.0.1',
    port: 0,
    clock: clock2,
    handlers: {},
    limits: { idleTimeoutMs: 3000, keepaliveIntervalMs: 1000 },
  })
  t.after(() => listener.close())
  const raw = await rawHandshake(listener.port, generateIdentity())
  const [session] = listener.sessions()
  clock2.advance(3000)
  await raw.closed
  await session.closed
  assert.ok(session.closeError instanceof TimeoutError)
})

test('a peer that stops reading blocks senders, then is cut off with a bounded queue', async (t) => {
  const clock = new ManualClock()
  let resolveSession!: (s: WireSession) => void
  const sessionReady = new Promise<WireSession>((resolve) => (resolveSession = resolve))
  const limits = { maxWriteBufferBytes: 1024 * 1024, writeStallTimeoutMs: 10_000 }
  const listener = await listen({
    identity: generateIdentity(),
    host: '127.0.0.1',
    port: 0,
    clock,
    limits,
    handlers: { onSession: resolveSession },
  })
  t.after(() => listener.close())
  const raw = await rawHandshake(listener.port, generateIdentity())
  raw.socket.pause() // never read again
  const session = await sessionReady
  const body = new Uint8Array(1024 * 1024)
  let resolved = 0
  const sends: Promise<void>[] = []
  let blocked: Promise<void> | undefined
  // Kernel buffers absorb some megabytes; then send() must stop resolving.
  for (let i = 0; i < 512 && !blocked; i++) {
    const p = session.send(body)
    const state = await Promise.race([p.then(() => 'done'), new Promise((r) => setImmediate(() => r('pending')))])
    if (state === 'done') resolved++
    else blocked = p
    sends.push(p)
  }
  assert.ok(blocked, 'send() kept resolving although the peer reads nothing')
  // Queue more while blocked: they wait instead of growing the socket buffer.
  const queued = [session.send(body), session.send(body)]
  clock.advance(10_000)
  await assert.rejects(blocked, ConnectionClosedError)
  for (const q of queued) await assert.rejects(q, ConnectionClosedError)
  await session.closed
  assert.ok(session.closeError instanceof WriteQueueFullError)
  assert.ok(resolved < 512)
  raw.socket.destroy()
})

test('close() is graceful: in-flight requests finish, new ones are refused', async (t) => {
  let release!: () => void
  const gate = new Promise<void>((resolve) => (release = resolve))
  let started!: () => void
  const handlerStarted = new Promise<void>((resolve) => (started = resolve))
  const { client, server } = await pair(t, {
    onRequest: async () => {
      started()
      await gate
      return enc('finished')
    },
  })
  const inFlight = client.request(enc('x'))
  await handlerStarted
  const closing = client.close('bye')
  await assert.rejects(client.request(enc('y')), ConnectionClosedError)
  release()
  assert.equal(dec(await inFlight), 'finished')
  await closing
  await server.closed
  assert.equal(client.closeError, undefined)
  await assert.rejects(server.request(enc('z')), ConnectionClosedError)
})

test('listener refuses requests beyond maxConcurrentInbound with RESOURCE_EXHAUSTED', async (t) => {
  let release!: () => void
  const gate = new Promise<void>((resolve) => (release = resolve))
  const { client } = await pair(
    t,
    {
      onRequest: async () => {
        await gate
        return enc('ok')
      },
    },
    { limits: { maxConcurrentInbound: 2 } },
  )
  const a = client.request(enc('1'))
  const b = client.request(enc('2'))
  await assert.rejects(client.request(enc('3')), { code: 'RESOURCE_EXHAUSTED' })
  release()
  assert.equal(dec(await a), 'ok')
  assert.equal(dec(await b), 'ok')
})

test('a peer that sends requests but never reads the answers gets RESOURCE_EXHAUSTED, not more work', async (t) => {
  let calls = 0
  let handled!: () => void
  const firstBatchHandled = new Promise<void>((resolve) => (handled = resolve))
  let messageSeen!: () => void
  const marker = new Promise<void>((resolve) => (messageSeen = resolve))
  const limits = { maxWriteBufferBytes: 256 * 1024 }
  const listener = await listen({
    identity: generateIdentity(),
    host: '127.0.0.1',
    port: 0,
    limits,
    handlers: {
      onRequest: async () => {
        if (++calls === 64) setImmediate(handled)
        return new Uint8Array(1024 * 1024)
      },
      onMessage: () => messageSeen(),
    },
  })
  t.after(() => listener.close())
  const raw = await rawHandshake(listener.port, generateIdentity())
  raw.socket.pause()
  const request = (id: number) =>
    Buffer.concat(raw.sealer.seal([encodeMessage({ type: MessageType.REQUEST, id, body: enc('big') })]))
  raw.socket.write(Buffer.concat(Array.from({ length: 64 }, (_, i) => request(i + 1))))
  await firstBatchHandled // 64 MiB of answers cannot all fit in kernel buffers: the queue is backed up
  raw.socket.write(Buffer.concat(Array.from({ length: 64 }, (_, i) => request(i + 65))))
  raw.socket.write(
    Buffer.concat(raw.sealer.seal([encodeMessage({ type: MessageType.MESSAGE, id: 0, body: enc('m') })])),
  )
  await marker // processed in order, so every second-batch request has been seen
  assert.equal(calls, 64)
  raw.socket.destroy()
})

test('a request that times out while still queued behind backpressure is never sent', async (t) => {
  const clock = new ManualClock()
  let serverSide!: Parameters<Parameters<typeof rawServer>[1]>[0]
  let ready!: () => void
  const accepted = new Promise<void>((resolve) => (ready = resolve))
  const server = await rawServer(generateIdentity(), (s) => {
    serverSide = s
    s.socket.pause() // read nothing until told
    ready()
  })
  t.after(() => server.close())
  const session = await connect({
    identity: generateIdentity(),
    host: '127.0.0.1',
    port: server.port,
    clock,
    limits: { maxWriteBufferBytes: 64 * 1024 },
  })
  await accepted
  // 32 MiB towards a peer that reads nothing: far more than kernel buffers hold, so the later
  // sends (and anything after them) wait in the write queue.
  const body = new Uint8Array(1024 * 1024)
  const sends = Array.from({ length: 32 }, () => session.send(body))
  const doomed = session.request(enc('never sent'), { timeoutMs: 1000 })
  clock.advance(1000)
  await assert.rejects(doomed, TimeoutError)
  const marker = session.send(enc('marker'))
  // Now read everything and record what arrived.
  const types: number[] = []
  const done = new Promise<void>((resolve) => {
    serverSide.onMessage = (message) => {
      types.push(message.type)
      if (message.type === MessageType.MESSAGE && dec(message.body) === 'marker') resolve()
    }
  })
  serverSide.socket.resume()
  await done
  await Promise.all([...sends, marker])
  assert.ok(types.includes(MessageType.MESSAGE))
  assert.ok(!types.includes(MessageType.REQUEST), 'the timed-out request went out anyway')
  assert.ok(!types.includes(MessageType.CANCEL), 'a CANCEL was sent for a request the peer never saw')
  await session.close()
})
