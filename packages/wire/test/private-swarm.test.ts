/**
 * Private swarms (docs/protocol.md#private-swarms): the handshake state machines with the same,
 * no, and different secrets, then real TCP listeners probed by real and hand-driven clients.
 */
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { test } from 'node:test'
import { inspect } from 'node:util'
import { generateIdentity, type PeerIdentity } from '@netswarm/identity'
import type { Logger } from '@netswarm/runtime'
import fc from 'fast-check'
import {
  CLIENT_AUTH_PRIVATE_BYTES,
  CLIENT_HELLO_PRIVATE_BYTES,
  ClientHandshake,
  connect,
  decodeRefuse,
  encodeClientHello,
  encodeFrame,
  FrameDecoder,
  type HandshakeCommand,
  HandshakeError,
  listen,
  MAX_FRAME_BYTES,
  REFUSE_BYTES,
  RefuseReason,
  SERVER_HELLO_PRIVATE_BYTES,
  ServerHandshake,
  SwarmKey,
  WireFormatError,
  type WireListener,
} from '../src/index.ts'
import { dec, enc } from './helpers.ts'
import { rawSocket } from './raw-client.ts'

function sent(commands: HandshakeCommand[]): Buffer {
  const send = commands.find((c) => c.type === 'send')
  assert.ok(send && send.type === 'send')
  return send.payload
}

function established(commands: HandshakeCommand[]) {
  const done = commands.find((c) => c.type === 'established')
  assert.ok(done && done.type === 'established')
  return done.result
}

/** The error (and REFUSE reply) a server handshake throws for `hello`. */
function refusal(server: ServerHandshake, hello: Buffer): HandshakeError {
  try {
    server.advance(hello)
  } catch (err) {
    assert.ok(err instanceof HandshakeError)
    return err
  }
  assert.fail('the server accepted the hello')
}

const isSwarmMismatch = (err: unknown) => err instanceof HandshakeError && err.wireCode === 'SWARM_KEY_MISMATCH'

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  return Buffer.from(haystack).indexOf(Buffer.from(needle)) !== -1
}

test('members with the same secret complete the handshake; no identity is ever sent in clear', () => {
  const secret = SwarmKey.generate().bytes
  const clientId = generateIdentity()
  const serverId = generateIdentity()
  const client = new ClientHandshake({ identity: clientId, swarmKey: secret, expectedPeerId: serverId.peerId })
  const server = new ServerHandshake({ identity: serverId, swarmKey: secret })
  const msg1 = sent(client.start())
  const msg2 = sent(server.advance(msg1))
  const clientOut = client.advance(msg2)
  const msg3 = sent(clientOut)
  const c = established(clientOut)
  const s = established(server.advance(msg3))
  assert.deepEqual(c.sendKey, s.receiveKey)
  assert.deepEqual(c.receiveKey, s.sendKey)
  assert.ok(c.remotePeerId.equals(serverId.peerId))
  assert.ok(s.remotePeerId.equals(clientId.peerId))
  assert.deepEqual(
    [msg1.length, msg2.length, msg3.length],
    [CLIENT_HELLO_PRIVATE_BYTES, SERVER_HELLO_PRIVATE_BYTES, CLIENT_AUTH_PRIVATE_BYTES],
  )
  for (const msg of [msg1, msg2, msg3]) {
    for (const id of [clientId, serverId]) {
      assert.ok(!contains(msg, id.publicKey), 'a static key travels in clear')
      assert.ok(!contains(msg, id.peerId.bytes), 'a peer ID travels in clear')
    }
  }
})

test('the secret changes the session keys: the same exchange without it derives others', () => {
  const identity = generateIdentity()
  const run = (swarmKey?: Uint8Array) => {
    const client = new ClientHandshake({ identity: generateIdentity(), swarmKey })
    const server = new ServerHandshake({ identity, swarmKey })
    return established(client.advance(sent(server.advance(sent(client.start())))))
  }
  const a = run(randomBytes(32))
  const b = run(randomBytes(32))
  const open = run()
  assert.notDeepEqual(a.sendKey, b.sendKey)
  assert.notDeepEqual(a.sendKey, open.sendKey)
})

test('a dialer without the secret, with another secret, or into the public swarm is refused at its hello', () => {
  const secret = randomBytes(32)
  const cases = [
    { client: undefined, server: secret, reason: RefuseReason.SWARM_KEY_REQUIRED, mine: /holds no swarm secret/ },
    { client: randomBytes(32), server: secret, reason: RefuseReason.SWARM_KEY_MISMATCH, mine: /different private/ },
    { client: secret, server: undefined, reason: RefuseReason.PUBLIC_SWARM, mine: /public swarm/ },
  ]
  for (const { client: clientKey, server: serverKey, reason, mine } of cases) {
    const serverId = generateIdentity()
    const client = new ClientHandshake({ identity: generateIdentity(), swarmKey: clientKey })
    const server = new ServerHandshake({ identity: serverId, swarmKey: serverKey })
    const err = refusal(server, sent(client.start()))
    assert.equal(err.wireCode, 'SWARM_KEY_MISMATCH')
    if (serverKey) assert.match(err.message, /peer does not hold this swarm's secret/)
    // The whole answer: a 10-byte REFUSE naming the reason, nothing about the listener.
    assert.ok(err.reply)
    assert.equal(err.reply.length, REFUSE_BYTES)
    assert.equal(decodeRefuse(err.reply).reason, reason)
    assert.ok(!contains(err.reply, serverId.publicKey))
    // The dialer turns it into a clear error of its own.
    assert.throws(
      () => client.advance(err.reply!),
      (e: unknown) => isSwarmMismatch(e) && mine.test((e as Error).message),
    )
    // The refusing server is done: it answers nothing more on this connection.
    assert.throws(() => server.advance(sent(new ClientHandshake({ identity: serverId }).start())))
  }
})

test('a proof moved to another hello, or a replayed hello, reveals nothing usable', () => {
  const secret = randomBytes(32)
  const serverId = generateIdentity()
  const member = sent(new ClientHandshake({ identity: generateIdentity(), swarmKey: secret }).start())
  // The member's proof glued onto an outsider's own ephemeral key does not verify.
  const outsider = Buffer.concat([
    encodeClientHello({ version: 1, flags: 1, ephemeralKey: randomBytes(32) }),
    member.subarray(40),
  ])
  const err = refusal(new ServerHandshake({ identity: serverId, swarmKey: secret }), outsider)
  assert.equal(decodeRefuse(err.reply!).reason, RefuseReason.SWARM_KEY_MISMATCH)
  // A verbatim replay gets a SERVER_HELLO, but its identity part is sealed under keys that need
  // the member's ephemeral private key: the server's key and ID are not in it.
  const msg2 = sent(new ServerHandshake({ identity: serverId, swarmKey: secret }).advance(member))
  assert.ok(!contains(msg2, serverId.publicKey))
  assert.ok(!contains(msg2, serverId.peerId.bytes))
})

test('no forged hello ever gets a SERVER_HELLO from a private listener (property)', () => {
  const secret = randomBytes(32)
  const identity = generateIdentity()
  const hello = fc.oneof(
    fc.uint8Array({ maxLength: 200 }),
    // Well-formed private hellos with a random proof: the most likely forgery.
    fc
      .tuple(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ minLength: 32, maxLength: 32 }))
      .map(([e, proof]) => Buffer.concat([encodeClientHello({ version: 1, flags: 1, ephemeralKey: e }), proof])),
  )
  fc.assert(
    fc.property(hello, (bytes) => {
      const server = new ServerHandshake({ identity, swarmKey: secret })
      try {
        server.advance(bytes)
      } catch (err) {
        // Refused (with at most a 10-byte REFUSE) or malformed: nothing else.
        assert.ok(err instanceof HandshakeError || err instanceof WireFormatError, String(err))
        if (err instanceof HandshakeError && err.reply) assert.equal(err.reply.length, REFUSE_BYTES)
        return
      }
      assert.fail('a forged hello got an answer')
    }),
    { numRuns: 2000 },
  )
})

test('tampered private handshake messages are refused', () => {
  const secret = randomBytes(32)
  // SERVER_HELLO's sealed part flipped: the dialer cannot open it.
  {
    const client = new ClientHandshake({ identity: generateIdentity(), swarmKey: secret })
    const msg2 = sent(
      new ServerHandshake({ identity: generateIdentity(), swarmKey: secret }).advance(sent(client.start())),
    )
    msg2[60] ^= 1
    assert.throws(() => client.advance(msg2), HandshakeError)
  }
  // CLIENT_AUTH's sealed part flipped: the listener cannot open it.
  {
    const client = new ClientHandshake({ identity: generateIdentity(), swarmKey: secret })
    const server = new ServerHandshake({ identity: generateIdentity(), swarmKey: secret })
    const msg3 = sent(client.advance(sent(server.advance(sent(client.start())))))
    msg3[20] ^= 1
    assert.throws(() => server.advance(msg3), HandshakeError)
  }
})

// ---- real sockets ---------------------------------------------------------------------------

/** A logger that records warnings (the listener reports refused peers at warn). */
function recordingLogger(lines: string[]): Logger {
  const log = {
    warn: (_obj: unknown, msg?: string) => void lines.push(String(msg)),
    debug: () => {},
    info: () => {},
    error: () => {},
    trace: () => {},
    fatal: () => {},
    child: () => log,
  }
  return log as unknown as Logger
}

async function privateListener(
  t: { after(fn: () => Promise<void>): void },
  swarmKey: Uint8Array,
  identity: PeerIdentity,
  warnings: string[],
): Promise<WireListener> {
  const listener = await listen({
    identity,
    swarmKey,
    host: '127.0.0.1',
    port: 0,
    log: recordingLogger(warnings),
    handlers: { onRequest: async (body) => body },
  })
  t.after(() => listener.close())
  return listener
}

/** Everything the listener sends a raw client until it closes the connection. */
async function listenerAnswer(port: number, payload: Buffer): Promise<Buffer> {
  const socket = await rawSocket(port)
  const chunks: Buffer[] = []
  socket.on('data', (chunk: Buffer) => chunks.push(chunk))
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()))
  socket.write(encodeFrame(payload))
  await closed
  return Buffer.concat(chunks)
}

test('over TCP: members talk; a peer without the secret gets one REFUSE and learns nothing else', async (t) => {
  const secret = SwarmKey.generate()
  const serverId = generateIdentity()
  const warnings: string[] = []
  const listener = await privateListener(t, secret.bytes, serverId, warnings)

  const member = await connect({
    identity: generateIdentity(),
    host: '127.0.0.1',
    port: listener.port,
    swarmKey: secret.bytes,
    expectedPeerId: serverId.peerId,
  })
  assert.equal(dec(await member.request(enc('inside'))), 'inside')
  await member.close()

  // A real dialer with no secret, and one with another swarm's: typed, clear errors.
  await assert.rejects(
    connect({ identity: generateIdentity(), host: '127.0.0.1', port: listener.port }),
    (err: unknown) => isSwarmMismatch(err) && /holds no swarm secret/.test((err as Error).message),
  )
  await assert.rejects(
    connect({
      identity: generateIdentity(),
      host: '127.0.0.1',
      port: listener.port,
      swarmKey: SwarmKey.generate().bytes,
    }),
    (err: unknown) => isSwarmMismatch(err) && /different private swarms/.test((err as Error).message),
  )

  // A hand-driven client: exactly what the listener says before the secret is proven.
  const outsiders = [
    encodeClientHello({ version: 1, flags: 0, ephemeralKey: randomBytes(32) }),
    Buffer.concat([encodeClientHello({ version: 1, flags: 1, ephemeralKey: randomBytes(32) }), randomBytes(32)]),
  ]
  for (const [i, hello] of outsiders.entries()) {
    const answer = await listenerAnswer(listener.port, hello)
    const frames: Buffer[] = []
    new FrameDecoder(MAX_FRAME_BYTES).push(answer, (frame) => frames.push(Buffer.from(frame)))
    assert.equal(frames.length, 1, 'one frame, then the connection closes')
    assert.equal(frames[0].length, REFUSE_BYTES)
    assert.equal(
      decodeRefuse(frames[0]).reason,
      i === 0 ? RefuseReason.SWARM_KEY_REQUIRED : RefuseReason.SWARM_KEY_MISMATCH,
    )
    assert.ok(!contains(answer, serverId.publicKey))
    assert.ok(!contains(answer, serverId.peerId.bytes))
  }
  assert.equal(listener.sessions().length, 0)
  // The member's side logged each kind of refusal plainly, once per host and reason: four
  // refused connections from 127.0.0.1, two reasons, two warnings (a prober cannot flood the log).
  assert.deepEqual(warnings.map((w) => w.replace(/127\.0\.0\.1:\d+/, 'HOST')).sort(), [
    "refused HOST: peer does not hold this swarm's secret (it offered none)",
    "refused HOST: peer does not hold this swarm's secret (its proof does not verify)",
  ])
})

test('over TCP: a public listener refuses a private dialer and still serves the public swarm', async (t) => {
  const listener = await listen({
    identity: generateIdentity(),
    host: '127.0.0.1',
    port: 0,
    handlers: { onRequest: async (body) => body },
  })
  t.after(() => listener.close())
  await assert.rejects(
    connect({ identity: generateIdentity(), host: '127.0.0.1', port: listener.port, swarmKey: randomBytes(32) }),
    (err: unknown) => isSwarmMismatch(err) && /public swarm/.test((err as Error).message),
  )
  const client = await connect({ identity: generateIdentity(), host: '127.0.0.1', port: listener.port })
  assert.equal(dec(await client.request(enc('public'))), 'public')
  await client.close()
})

test('a swarm key of the wrong length is refused before any socket', async () => {
  await assert.rejects(
    connect({ identity: generateIdentity(), host: '127.0.0.1', port: 1, swarmKey: randomBytes(16) }),
    /32 bytes/,
  )
})

test('swarm key text form: round trip, clear errors, never printed by accident', () => {
  const key = SwarmKey.generate()
  const text = key.toText()
  assert.match(text, /^netswarm-swarm-key-v1:[A-Za-z0-9_-]{43}$/)
  assert.deepEqual(SwarmKey.parse(`  ${text}\n`).bytes, key.bytes)
  assert.equal(SwarmKey.parse(text).fingerprint, key.fingerprint)
  assert.notEqual(SwarmKey.generate().fingerprint, key.fingerprint)
  assert.throws(() => SwarmKey.parse('hello'), /starts with "netswarm-swarm-key-v1:"/)
  assert.throws(() => SwarmKey.parse(text.slice(0, -2)), /damaged or truncated/)
  assert.throws(() => SwarmKey.readFile('/nonexistent/swarm.key'), /cannot read swarm key file/)
  const secretPart = text.slice(text.indexOf(':') + 1)
  for (const shown of [String(key), JSON.stringify({ key }), inspect({ key })]) {
    assert.ok(!shown.includes(secretPart), shown)
  }
})
