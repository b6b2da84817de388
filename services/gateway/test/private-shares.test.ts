import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  generateReadKey,
  PrivateFormatError,
  type ShareEnvelope,
  signEnvelope,
  wrapForRecipient,
} from '@netswarm/content/private'
import { DhtNode, InboxService, inboxKey } from '@netswarm/dht'
import { generateIdentity, type LocalIdentity } from '@netswarm/identity'
import { isNetSwarmError, type Logger, systemClock } from '@netswarm/runtime'
import { createPrivateFiles, type ShareInbox } from '../src/private/private-files.ts'
import { MemoryBackend } from './helpers/memory-backend.ts'

const CID = 'bafyreigdmqpykrgxyaxtlafqpqhzrb7qy2rh75nldvfd4tucqmqqme5yje'

/** One real DHT node with no peers: the inbox store and its checks are the DHT's own. */
function lonelyNode(): DhtNode {
  const offline = () => Promise.reject(new Error('offline'))
  return new DhtNode(
    { clock: systemClock, transport: { request: offline, dial: offline }, randomBytes: (n) => new Uint8Array(n) },
    { id: new Uint8Array(32).fill(7), addresses: ['127.0.0.1:1'] },
  )
}

/** The gateway's view of the DHT service of the peer whose identity is `identity`, on `node`. */
function inboxOn(node: DhtNode, identity: LocalIdentity): ShareInbox {
  const service = new InboxService(node, { publicKey: identity.publicKey })
  return {
    deliverShare: (recipient, envelope, o) => service.deliver(recipient, envelope, o?.signal),
    getInbox: (recipient, o) => service.read(recipient, o?.signal),
    close() {},
  }
}

function wrapFor(recipient: LocalIdentity, name: string) {
  return wrapForRecipient({
    cid: CID,
    readKey: generateReadKey(),
    name,
    recipientEd25519: recipient.publicKey,
    recipientX25519: recipient.x25519PublicKey,
  })
}

function debugLog() {
  const lines: Record<string, unknown>[] = []
  return { lines, log: { debug: (fields: Record<string, unknown>) => lines.push(fields) } as unknown as Logger }
}

test('the sending gateway signs shares into the DHT inbox; a third party cannot replace or forge them', async () => {
  const backend = new MemoryBackend()
  const node = lonelyNode()
  const [alice, bob, mallory] = [generateIdentity(), generateIdentity(), generateIdentity()]
  const gateway = (identity: LocalIdentity) =>
    createPrivateFiles({ backend, inbox: inboxOn(node, identity), identity, lookupTimeoutMs: 1000 })
  const bobKey = Buffer.from(bob.publicKey).toString('hex')

  const delivered = await gateway(alice).deliver(bobKey, wrapFor(bob, 'genuine.txt'))
  assert.deepEqual(delivered, {
    inbox: Buffer.from(inboxKey(bob.publicKey)).toString('hex'),
    storedOn: 0,
    envelopes: 1,
  })
  // Shared twice: listed once.
  await gateway(alice).deliver(bobKey, wrapFor(bob, 'genuine.txt'))
  const [genuine] = node.inbox.get(inboxKey(bob.publicKey), Date.now()).map((s) => s.envelope)

  // Mallory, a peer of the DHT, stores into Bob's inbox: Alice's envelope (a relay), one naming
  // Alice but signed by her, one she signed for someone else. Every store is refused.
  const fromMallory = { id: mallory.peerId.bytes, addresses: ['127.0.0.1:9'] }
  const signedByMallory = signEnvelope(wrapFor(bob, 'forged.txt'), bob.publicKey, mallory)
  const attempts: ShareEnvelope[] = [
    genuine,
    { ...signedByMallory, sender: genuine.sender },
    signEnvelope(wrapFor(alice, 'elsewhere.txt'), alice.publicKey, mallory),
  ]
  for (const envelope of attempts) {
    const answer = node.handleRequest(fromMallory, { type: 'STORE_INBOX', recipient: bob.publicKey, envelope })
    assert.equal(answer.type === 'ERROR' && answer.code, 'INVALID_RECORD')
  }
  // Her own envelope is hers to store; it lists as hers, beside Alice's, which stay.
  node.handleRequest(fromMallory, { type: 'STORE_INBOX', recipient: bob.publicKey, envelope: signedByMallory })
  const shared = await gateway(bob).shared('http://127.0.0.1:1')
  assert.deepEqual(
    shared.map((s) => [s.name, s.from, s.fromPublicKey]),
    [
      ['genuine.txt', alice.peerId.toString(), Buffer.from(alice.publicKey).toString('hex')],
      ['forged.txt', mallory.peerId.toString(), Buffer.from(mallory.publicKey).toString('hex')],
    ],
  )

  // Delivery refuses a version 1 (or already signed) envelope, and needs the peer's identity to sign.
  const { sender: _s, sig: _g, ...rest } = genuine
  const v1 = { ...rest, version: 1 }
  await assert.rejects(gateway(alice).deliver(bobKey, v1), PrivateFormatError)
  await assert.rejects(gateway(alice).deliver(bobKey, genuine), PrivateFormatError)
  const anonymous = createPrivateFiles({ backend, inbox: inboxOn(node, alice), lookupTimeoutMs: 1000 })
  await assert.rejects(
    anonymous.deliver(bobKey, wrapFor(bob, 'x')),
    (err) => isNetSwarmError(err) && err.code === 'FAILED_PRECONDITION',
  )
})

test('the recipient verifies again what its DHT service returns: forged, altered, foreign and version 1 envelopes are dropped', async () => {
  const [alice, bob, mallory] = [generateIdentity(), generateIdentity(), generateIdentity()]
  const genuine = signEnvelope(wrapFor(bob, 'genuine.txt'), bob.publicKey, alice)
  const forged = { ...signEnvelope(wrapFor(bob, 'forged.txt'), bob.publicKey, mallory), sender: genuine.sender }
  const retargeted = { ...genuine, cid: CID.replace('je', 'ja') }
  const { sender: _s, sig: _g, ...rest } = genuine
  const v1 = { ...rest, version: 1 } as unknown as ShareEnvelope
  // A DHT service that lies (or a bug): the gateway does not take its word.
  const lying: ShareInbox = {
    deliverShare: () => Promise.reject(new Error('not used')),
    getInbox: async () => [genuine, forged, retargeted, v1],
    close() {},
  }
  const { lines, log } = debugLog()
  const bobGateway = createPrivateFiles({
    backend: new MemoryBackend(),
    inbox: lying,
    identity: bob,
    lookupTimeoutMs: 1000,
    log,
  })
  const shared = await bobGateway.shared('http://127.0.0.1:1')
  assert.deepEqual(
    shared.map((s) => [s.name, s.from]),
    [['genuine.txt', alice.peerId.toString()]],
  )
  assert.equal(lines.at(-1)?.forgedOrNotOurs, 2)
  assert.equal(lines.at(-1)?.malformed, 1)
  assert.match(String(lines.at(-1)?.reasons), /version 1/)
})
