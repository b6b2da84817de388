/** The inbox store and the inbox requests as a DhtNode answers them: limits, fairness, expiry, refusals. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { generateIdentity, type LocalIdentity } from '@netswarm/identity'
import { SimClock } from '@netswarm/sim'
import { inboxKey } from '../../src/inbox/envelope.ts'
import { InboxService } from '../../src/inbox/inbox-service.ts'
import { InboxStore } from '../../src/inbox/inbox-store.ts'
import { keyToHex } from '../../src/kademlia/key.ts'
import type { DhtNode } from '../../src/node.ts'
import { decodeRequest, decodeResponse, encodeRequest, encodeResponse } from '../../src/rpc/codec.ts'
import { offlineNode, shareEnvelope } from '../helpers/offline-node.ts'

const CID = 'bafyreigdmqpykrgxyaxtlafqpqhzrb7qy2rh75nldvfd4tucqmqqme5yje'
const bob = generateIdentity()
const carol = generateIdentity()

function envelope(sender: LocalIdentity, recipient: LocalIdentity = bob, name = 'file.txt') {
  return shareEnvelope(CID, sender, recipient, name)
}

const hex = (id: LocalIdentity) => keyToHex(id.peerId.bytes)
const from = (id: LocalIdentity) => ({ id: id.peerId.bytes, addresses: ['127.0.0.1:9000'] })

function node(clock = new SimClock(), inboxStore = {}): DhtNode {
  return offlineNode({ clock }, { inboxStore })
}

test('the inbox key is SHA-256("netswarm-inbox-v1" || recipient) and differs per recipient', () => {
  assert.equal(inboxKey(bob.publicKey).length, 32)
  assert.notDeepEqual(inboxKey(bob.publicKey), inboxKey(carol.publicKey))
  assert.deepEqual(inboxKey(bob.publicKey), inboxKey(new Uint8Array(bob.publicKey)))
})

test('per-sender limit: a sender over it makes room with its own oldest envelope', () => {
  const store = new InboxStore({ maxPerInbox: 8, maxPerSenderPerInbox: 3 })
  const alice = generateIdentity()
  const key = inboxKey(bob.publicKey)
  const sent = Array.from({ length: 5 }, () => envelope(alice))
  for (const [i, e] of sent.entries()) assert.equal(store.put(key, e, hex(alice), i), 'stored')
  assert.equal(store.countOf(key, hex(alice)), 3)
  assert.deepEqual(
    store.get(key, 10).map((s) => s.envelope.epk),
    sent.slice(2).map((e) => e.epk),
  )
  // Storing one again refreshes it (moves it to the end) without a second copy.
  assert.equal(store.put(key, sent[2], hex(alice), 11), 'refreshed')
  assert.equal(store.size, 3)
  assert.equal(store.get(key, 12).at(-1)?.envelope.epk, sent[2].epk)
})

test('a full inbox: the most represented sender loses its oldest; a single identity displaces at most one other envelope', () => {
  const store = new InboxStore({ maxPerInbox: 4, maxPerSenderPerInbox: 4 })
  const key = inboxKey(bob.publicKey)
  const [alice, dave, erin, mallory] = [generateIdentity(), generateIdentity(), generateIdentity(), generateIdentity()]
  const a1 = envelope(alice)
  const a2 = envelope(alice)
  store.put(key, a1, hex(alice), 1)
  store.put(key, a2, hex(alice), 2)
  store.put(key, envelope(dave), hex(dave), 3)
  store.put(key, envelope(erin), hex(erin), 4)
  // Full: Alice holds two, so her oldest goes for Mallory's first envelope.
  assert.equal(store.put(key, envelope(mallory), hex(mallory), 5), 'stored')
  assert.deepEqual(
    store.get(key, 6).map((s) => s.sender),
    [hex(alice), hex(dave), hex(erin), hex(mallory)],
  )
  assert.equal(store.get(key, 6)[0].envelope.epk, a2.epk)
  // Everyone holds one: the oldest (Alice's) goes for Mallory's second; from then on Mallory is
  // the most represented and only displaces herself.
  store.put(key, envelope(mallory), hex(mallory), 6)
  for (let i = 0; i < 10; i++) store.put(key, envelope(mallory), hex(mallory), 7 + i)
  assert.equal(store.countOf(key, hex(mallory)), 2)
  assert.equal(store.countOf(key, hex(dave)), 1)
  assert.equal(store.countOf(key, hex(erin)), 1)
  assert.equal(store.size, 4)
})

test('envelopes expire after the TTL unless stored again; sender and total limits refuse', () => {
  const store = new InboxStore({ ttlMs: 100, maxPerSender: 2, maxTotal: 3 })
  const [alice, dave] = [generateIdentity(), generateIdentity()]
  const bobKey = inboxKey(bob.publicKey)
  const carolKey = inboxKey(carol.publicKey)
  const kept = envelope(alice)
  store.put(bobKey, kept, hex(alice), 0)
  store.put(carolKey, envelope(alice, carol), hex(alice), 10)
  assert.equal(store.put(bobKey, envelope(alice), hex(alice), 20), 'sender-full')
  const fromDave = envelope(dave)
  store.put(bobKey, fromDave, hex(dave), 30)
  assert.equal(store.put(bobKey, envelope(generateIdentity()), 'ff', 40), 'store-full')
  store.put(bobKey, kept, hex(alice), 90)
  // At 105 Alice's envelope (refreshed at 90) is live and now last; Dave's (stored at 30) too.
  assert.deepEqual(
    store.get(bobKey, 105).map((s) => s.envelope.epk),
    [fromDave.epk, kept.epk],
  )
  assert.deepEqual(
    store.get(bobKey, 135).map((s) => s.envelope.epk),
    [kept.epk],
  )
  assert.equal(store.get(carolKey, 110).length, 0)
  store.expire(150)
  assert.equal(store.size, 1)
  assert.equal(store.inboxCount, 1)
  // Room again once expired: Alice may store for Carol.
  assert.equal(store.put(carolKey, envelope(alice, carol), hex(alice), 150), 'stored')
})

test('STORE_INBOX: only the sender itself, with a signature that verifies for the named recipient', () => {
  const n = node()
  const [alice, mallory] = [generateIdentity(), generateIdentity()]
  const genuine = envelope(alice)
  const store = (who: LocalIdentity, recipient: Uint8Array, e: typeof genuine) =>
    n.handleRequest(from(who), { type: 'STORE_INBOX', recipient, envelope: e })
  assert.deepEqual(store(alice, bob.publicKey, genuine), { type: 'OK', stored: true })
  // Mallory relays Alice's envelope: refused (only its sender stores it).
  assert.match(JSON.stringify(store(mallory, bob.publicKey, genuine)), /only its sender/)
  // Mallory signs her own but names Alice as the sender; or alters Alice's box.
  const forged = { ...envelope(mallory), sender: genuine.sender }
  assert.match(JSON.stringify(store(mallory, bob.publicKey, forged)), /bad-signature/)
  assert.match(
    JSON.stringify(store(alice, bob.publicKey, { ...genuine, box: `${genuine.box.slice(0, -2)}AA` })),
    /bad-signature/,
  )
  // Alice's envelope for Carol, stored in Bob's inbox (or the reverse): refused.
  const forCarol = envelope(alice, carol)
  assert.match(JSON.stringify(store(alice, bob.publicKey, forCarol)), /bad-signature/)
  assert.match(JSON.stringify(store(alice, carol.publicKey, genuine)), /bad-signature/)
  assert.deepEqual(store(alice, carol.publicKey, forCarol), { type: 'OK', stored: true })
  const inbox = n.handleRequest(from(mallory), { type: 'FIND_INBOX', key: inboxKey(bob.publicKey), offset: 0 })
  assert.equal(inbox.type, 'INBOX')
  assert.deepEqual(inbox.type === 'INBOX' && inbox.envelopes, [genuine])
})

test('STORE_INBOX over its limit answers RATE_LIMITED; FIND_INBOX pages by offset', () => {
  const n = node(new SimClock(), { maxPerSender: 3, maxPerSenderPerInbox: 3 })
  const alice = generateIdentity()
  const sent = Array.from({ length: 3 }, () => envelope(alice))
  for (const e of sent) n.handleRequest(from(alice), { type: 'STORE_INBOX', recipient: bob.publicKey, envelope: e })
  const over = n.handleRequest(from(alice), {
    type: 'STORE_INBOX',
    recipient: carol.publicKey,
    envelope: envelope(alice, carol),
  })
  assert.equal(over.type === 'ERROR' && over.code, 'RATE_LIMITED')
  const page = n.handleRequest(from(bob), { type: 'FIND_INBOX', key: inboxKey(bob.publicKey), offset: 2 })
  assert.ok(page.type === 'INBOX')
  assert.equal(page.total, 3)
  assert.deepEqual(page.envelopes, [sent[2]])
})

test('codec: STORE_INBOX and INBOX round-trip; a malformed envelope is a codec error; big answers are trimmed', () => {
  const alice = generateIdentity()
  const e = envelope(alice)
  const request = { type: 'STORE_INBOX' as const, recipient: bob.publicKey, envelope: e }
  assert.deepEqual(decodeRequest(encodeRequest({ sender: ['127.0.0.1:1'], request })).request, request)
  const find = { type: 'FIND_INBOX' as const, key: inboxKey(bob.publicKey), offset: 3, count: 25 }
  assert.deepEqual(decodeRequest(encodeRequest({ sender: [], request: find })).request, find)
  const v1 = encodeRequest({ sender: [], request: { ...request, envelope: { ...e, version: 1 as 2 } } })
  assert.throws(() => decodeRequest(v1), { name: 'DhtCodecError', message: /version 1/ })
  const badSig = encodeRequest({ sender: [], request: { ...request, envelope: { ...e, sig: 'x' } } })
  assert.throws(() => decodeRequest(badSig), { name: 'DhtCodecError', message: /sig/ })
  // Envelopes with long names: an answer of 64 does not fit 16 KiB and is trimmed from its end.
  const long = Array.from({ length: 64 }, () => envelope(alice, bob, 'n'.repeat(1000)))
  const answer = decodeResponse(encodeResponse({ type: 'INBOX', envelopes: long, total: 64, closer: [] }))
  assert.ok(answer.type === 'INBOX')
  assert.ok(answer.envelopes.length > 0 && answer.envelopes.length < 64)
  assert.deepEqual(answer.envelopes, long.slice(0, answer.envelopes.length))
  assert.equal(answer.total, 64)
})

test('the sender republishes its envelopes when due, which keeps them past the TTL', async () => {
  const clock = new SimClock()
  const n = offlineNode({ clock }, { republishIntervalMs: 1000, inboxStore: { ttlMs: 1500 } })
  const alice = generateIdentity()
  const service = new InboxService(n, { publicKey: alice.publicKey })
  const e = envelope(alice)
  assert.deepEqual(await service.deliver(bob.publicKey, e), { storedOn: 0, envelopes: 1 })
  await clock.advanceTo(500)
  assert.equal(await service.republish(), 0)
  await clock.advanceTo(1200)
  assert.equal(await service.republish(), 1)
  await clock.advanceTo(2000)
  assert.deepEqual(await service.read(bob.publicKey), [e])
  // Not republished again: it lapses.
  await clock.advanceTo(2800)
  assert.deepEqual(await service.read(bob.publicKey), [])
})
