import assert from 'node:assert/strict'
import { test } from 'node:test'
import { generateIdentity } from '@netswarm/identity'
import {
  ClientHandshake,
  decodeServerHello,
  encodeServerHello,
  type HandshakeCommand,
  HandshakeError,
  ServerHandshake,
  WireFormatError,
} from '../src/index.ts'

function sent(commands: HandshakeCommand[]): Buffer {
  const send = commands.find((c) => c.type === 'send')
  assert.ok(send && send.type === 'send')
  return send.payload
}

test('state machines complete a handshake with matching directional keys', () => {
  const client = new ClientHandshake({ identity: generateIdentity() })
  const server = new ServerHandshake({ identity: generateIdentity() })
  const msg2 = sent(server.advance(sent(client.start())))
  const clientOut = client.advance(msg2)
  const established = server.advance(sent(clientOut))
  const c = clientOut.find((x) => x.type === 'established')
  const s = established.find((x) => x.type === 'established')
  assert.ok(c?.type === 'established' && s?.type === 'established')
  assert.deepEqual(c.result.sendKey, s.result.receiveKey)
  assert.deepEqual(c.result.receiveKey, s.result.sendKey)
  assert.deepEqual(c.result.transcript, s.result.transcript)
})

test('messages out of order, of the wrong kind or after completion are refused', () => {
  const client = new ClientHandshake({ identity: generateIdentity() })
  const server = new ServerHandshake({ identity: generateIdentity() })
  const hello = sent(client.start())
  assert.throws(() => client.start(), HandshakeError)
  assert.throws(() => client.advance(hello), WireFormatError) // a CLIENT_HELLO where SERVER_HELLO belongs
  const msg2 = sent(server.advance(hello))
  assert.throws(() => server.advance(hello), WireFormatError) // hello again instead of CLIENT_AUTH
  assert.throws(() => new ServerHandshake({ identity: generateIdentity() }).advance(msg2), WireFormatError)
})

test('a tampered SERVER_HELLO (key swapped or signature flipped) is refused', () => {
  for (const tamper of ['staticKey', 'signature', 'ephemeralKey'] as const) {
    const client = new ClientHandshake({ identity: generateIdentity() })
    const server = new ServerHandshake({ identity: generateIdentity() })
    const msg2 = decodeServerHello(sent(server.advance(sent(client.start()))))
    if (tamper === 'staticKey') msg2.staticKey = generateIdentity().publicKey
    else msg2[tamper][0] ^= 1
    assert.throws(() => client.advance(encodeServerHello(msg2)), HandshakeError, tamper)
  }
})

test('a low-order (all-zero) ephemeral key is refused', () => {
  const server = new ServerHandshake({ identity: generateIdentity() })
  const hello = sent(new ClientHandshake({ identity: generateIdentity() }).start())
  hello.fill(0, 8)
  assert.throws(() => server.advance(hello), HandshakeError)
})
