import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { test } from 'node:test'
import { generateIdentity, type PeerIdentity } from '@netswarm/identity'
import {
  ClientHandshake,
  connect,
  encodeClientHello,
  encodeFrame,
  encodeFramePrefix,
  encodeMessage,
  FrameDecoder,
  HandshakeError,
  listen,
  MessageType,
  type WireListener,
} from '../src/index.ts'
import { dec, enc } from './helpers.ts'
import { closedPromise, rawHandshake, rawSocket } from './raw-client.ts'

async function echoListener(
  t: { after(fn: () => Promise<void>): void },
  options: { identity?: PeerIdentity; swarmKey?: Uint8Array } = {},
): Promise<WireListener> {
  const listener = await listen({
    identity: options.identity ?? generateIdentity(),
    swarmKey: options.swarmKey,
    host: '127.0.0.1',
    port: 0,
    handlers: { onRequest: async (body) => body },
  })
  t.after(() => listener.close())
  return listener
}

/** The listener still serves a legitimate client after whatever a test threw at it. */
async function assertStillServes(listener: WireListener): Promise<void> {
  const client = await connect({ identity: generateIdentity(), host: '127.0.0.1', port: listener.port })
  assert.equal(dec(await client.request(enc('still here'))), 'still here')
  await client.close()
}

/** An identity that claims `victim`'s key but can only sign with its own. */
function impostor(victim: PeerIdentity): PeerIdentity {
  const own = generateIdentity()
  return { peerId: victim.peerId, publicKey: victim.publicKey, sign: (data) => own.sign(data) }
}

test('expectedPeerId mismatch is refused', async (t) => {
  const listener = await echoListener(t)
  await assert.rejects(
    connect({
      identity: generateIdentity(),
      host: '127.0.0.1',
      port: listener.port,
      expectedPeerId: generateIdentity().peerId,
    }),
    (err: unknown) => err instanceof HandshakeError && err.wireCode === 'PEER_ID_MISMATCH',
  )
  await assertStillServes(listener)
})

test('a listener that claims an ID it cannot sign for is refused', async (t) => {
  const victim = generateIdentity()
  const listener = await echoListener(t, { identity: impostor(victim) })
  await assert.rejects(
    connect({ identity: generateIdentity(), host: '127.0.0.1', port: listener.port, expectedPeerId: victim.peerId }),
    (err: unknown) => err instanceof HandshakeError && /cannot sign/.test(err.message),
  )
})

test('a client that claims an ID it cannot sign for is refused', async (t) => {
  const listener = await echoListener(t)
  await assert.rejects(
    connect({ identity: impostor(generateIdentity()), host: '127.0.0.1', port: listener.port }),
    HandshakeError,
  )
  assert.equal(listener.sessions().length, 0)
  await assertStillServes(listener)
})

test('different swarm keys never produce a session', async (t) => {
  const listener = await echoListener(t, { swarmKey: randomBytes(32) })
  const refused = (err: unknown) => err instanceof HandshakeError && err.wireCode === 'SWARM_KEY_MISMATCH'
  // Key absent vs present, and two different keys: both refused by the listener's REFUSE.
  await assert.rejects(connect({ identity: generateIdentity(), host: '127.0.0.1', port: listener.port }), refused)
  await assert.rejects(
    connect({ identity: generateIdentity(), host: '127.0.0.1', port: listener.port, swarmKey: randomBytes(32) }),
    refused,
  )
  assert.equal(listener.sessions().length, 0)
})

test('an unsupported protocol version is refused', async (t) => {
  const listener = await echoListener(t)
  const socket = await rawSocket(listener.port)
  const hello = encodeClientHello({ version: 1, flags: 0, ephemeralKey: randomBytes(32) })
  hello[4] = 2
  socket.write(encodeFrame(hello))
  await closedPromise(socket)
  await assertStillServes(listener)
})

test('garbage, oversized and truncated input before the handshake closes that connection only', async (t) => {
  const listener = await echoListener(t)
  const cases: Buffer[] = [
    randomBytes(1000),
    Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'),
    encodeFramePrefix(0xffffffff),
    encodeFramePrefix(0),
    Buffer.concat([encodeFramePrefix(40), Buffer.from('NSWM')]), // truncated, then FIN
  ]
  for (const bytes of cases) {
    const socket = await rawSocket(listener.port)
    socket.end(bytes)
    await closedPromise(socket)
  }
  await assertStillServes(listener)
})

test('a client that sends its hello and stalls is dropped after the handshake timeout', async (t) => {
  const listener = await listen({
    identity: generateIdentity(),
    host: '127.0.0.1',
    port: 0,
    handlers: {},
    limits: { handshakeTimeoutMs: 50 },
  })
  t.after(() => listener.close())
  const socket = await rawSocket(listener.port)
  const hs = new ClientHandshake({ identity: generateIdentity() })
  for (const cmd of hs.start()) if (cmd.type === 'send') socket.write(encodeFrame(cmd.payload))
  await closedPromise(socket)
})

test('tampered, replayed, reordered and garbage frames after the handshake are refused', async (t) => {
  const listener = await echoListener(t)
  const identity = generateIdentity()
  const request = (id: number, text: string) => encodeMessage({ type: MessageType.REQUEST, id, body: enc(text) })

  // Tampered: flip one ciphertext bit.
  let raw = await rawHandshake(listener.port, identity)
  const frame = Buffer.concat(raw.sealer.seal([request(1, 'hello')]))
  frame[8] ^= 0x01
  raw.socket.write(frame)
  await raw.closed

  // Replayed: a valid frame is answered; the same bytes sent again kill the connection.
  raw = await rawHandshake(listener.port, identity)
  const valid = Buffer.concat(raw.sealer.seal([request(1, 'once')]))
  const decoder = new FrameDecoder(1 << 20)
  const opener = raw.opener
  const firstReply = new Promise<string>((resolve) => {
    raw.socket.on('data', (c: Buffer) => decoder.push(c, (p) => resolve(dec(opener.open(p).subarray(5)))))
  })
  raw.socket.write(valid)
  assert.equal(await firstReply, 'once')
  raw.socket.write(valid)
  await raw.closed

  // Reordered: frame 2 before frame 1.
  raw = await rawHandshake(listener.port, identity)
  const first = Buffer.concat(raw.sealer.seal([request(1, 'a')]))
  const second = Buffer.concat(raw.sealer.seal([request(2, 'b')]))
  raw.socket.write(Buffer.concat([second, first]))
  await raw.closed

  // Garbage after the handshake.
  raw = await rawHandshake(listener.port, identity)
  raw.socket.write(randomBytes(4096))
  await raw.closed

  // Valid encryption, invalid message (unknown type).
  raw = await rawHandshake(listener.port, identity)
  raw.socket.write(Buffer.concat(raw.sealer.seal([Buffer.from([0xee, 0, 0, 0, 1])])))
  await raw.closed

  // Oversized length prefix after the handshake.
  raw = await rawHandshake(listener.port, identity)
  raw.socket.write(encodeFramePrefix(64 * 1024 * 1024))
  await raw.closed

  assert.equal(listener.sessions().length, 0)
  await assertStillServes(listener)
})

test('connect rejects quickly when nothing listens, and honours an aborted signal', async () => {
  const probe = await echoListenerOnce()
  await assert.rejects(connect({ identity: generateIdentity(), host: '127.0.0.1', port: probe }), {
    wireCode: 'CONNECTION_CLOSED',
  })
  const controller = new AbortController()
  controller.abort()
  await assert.rejects(
    connect({ identity: generateIdentity(), host: '127.0.0.1', port: 1, signal: controller.signal }),
    { wireCode: 'ABORTED' },
  )
})

/** A port that was just free: listen, note the port, close. */
async function echoListenerOnce(): Promise<number> {
  const { createServer } = await import('node:net')
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const port = (server.address() as { port: number }).port
  await new Promise((resolve) => server.close(resolve))
  return port
}
