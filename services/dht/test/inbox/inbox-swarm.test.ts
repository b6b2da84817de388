/**
 * Share inboxes across five DHT services in one process over real wire sessions on 127.0.0.1:
 * delivery and reading over gRPC, paging of a long inbox, and a peer that tries to store forged,
 * relayed or misaddressed envelopes (all refused, genuine ones still listed).
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import type { ShareEnvelope } from '@netswarm/content/private'
import { generateIdentity, type LocalIdentity } from '@netswarm/identity'
import { createDhtClient, createDhtService, type DhtClient, type DhtService } from '../../src/index.ts'
import { shareEnvelope } from '../helpers/offline-node.ts'

const CID = 'bafyreigdmqpykrgxyaxtlafqpqhzrb7qy2rh75nldvfd4tucqmqqme5yje'
const dir = mkdtempSync(join(tmpdir(), 'netswarm-dht-inbox-'))
const identities = Array.from({ length: 5 }, () => generateIdentity())
const [alice, bob, carol, , mallory] = identities
const services: DhtService[] = []
const clients: DhtClient[] = []

function envelope(sender: LocalIdentity, recipient: LocalIdentity, name = 'plan.txt'): ShareEnvelope {
  return shareEnvelope(CID, sender, recipient, name)
}

before(async () => {
  for (const [i, identity] of identities.entries()) {
    const s = createDhtService(
      { identity },
      {
        dataDir: join(dir, String(i)),
        listen: '127.0.0.1:0',
        grpcListen: '127.0.0.1:0',
        metricsListen: '127.0.0.1:0',
        bootstrap: i === 0 ? [] : [services[0].wireAddress],
        logLevel: 'silent',
      },
    )
    await s.start()
    services.push(s)
  }
  await Promise.all(services.map((s) => s.bootstrapped))
  // Every node learns every other (the first ones joined before the later ones existed).
  await Promise.all(services.map((s) => s.node.lookup(s.node.id)))
  for (const s of services) clients.push(createDhtClient(s.grpcAddress))
})

after(async () => {
  for (const c of clients) c.close()
  await Promise.all(services.map((s) => s.stop()))
  rmSync(dir, { recursive: true, force: true })
})

test('a share delivered over gRPC is stored on the closest peers and read back by the recipient', async () => {
  const genuine = envelope(alice, bob)
  const delivered = await clients[0].deliverShare(bob.publicKey, genuine)
  assert.equal(delivered.storedOn, 4)
  assert.equal(delivered.envelopes, 1)
  // Stored again (a retry): still one envelope everywhere.
  assert.equal((await clients[0].deliverShare(bob.publicKey, genuine)).envelopes, 1)
  assert.deepEqual(await clients[1].getInbox(bob.publicKey), [genuine])
  // Any peer can read it (envelopes open only for Bob); Carol's inbox is empty.
  assert.deepEqual(await clients[2].getInbox(bob.publicKey), [genuine])
  assert.deepEqual(await clients[2].getInbox(carol.publicKey), [])
  // The gRPC API refuses what peers would refuse, with clear errors.
  await assert.rejects(clients[0].deliverShare(carol.publicKey, envelope(alice, bob)), {
    code: 'INVALID_ARGUMENT',
    message: /bad-signature/,
  })
  await assert.rejects(clients[0].deliverShare(bob.publicKey, envelope(carol, bob)), {
    code: 'FAILED_PRECONDITION',
  })
  await assert.rejects(clients[0].getInbox(new Uint8Array(5)), { code: 'INVALID_ARGUMENT' })
})

test('a third party cannot erase or replace an inbox: forged stores are refused, its own envelopes stay within its share', async () => {
  const genuine = envelope(alice, bob, 'kept.txt')
  await clients[0].deliverShare(bob.publicKey, genuine)
  const m = services[4].node
  const peers = m.table.contacts().map(({ contact }) => contact)
  assert.equal(peers.length, 4)
  const storeEverywhere = (recipient: Uint8Array, e: ShareEnvelope) =>
    Promise.all(peers.map((c) => m.query(c, { type: 'STORE_INBOX', recipient, envelope: e })))
  // Alice's envelope relayed by Mallory, one naming Alice but signed by Mallory, and Carol's
  // envelope pushed into Bob's inbox: every peer refuses each.
  const forged = { ...envelope(mallory, bob), sender: genuine.sender }
  for (const [recipient, e, reason] of [
    [bob.publicKey, genuine, /only its sender/],
    [bob.publicKey, forged, /bad-signature/],
    [bob.publicKey, envelope(mallory, carol), /bad-signature/],
  ] as const) {
    for (const answer of await storeEverywhere(recipient, e)) {
      assert.equal(answer.type, 'ERROR')
      assert.match(answer.type === 'ERROR' ? answer.message : '', reason)
    }
  }
  // Mallory floods Bob's inbox with her own (valid) envelopes: long ones, so reading pages.
  for (let i = 0; i < 40; i++) await services[4].inbox.deliver(bob.publicKey, envelope(mallory, bob, 'x'.repeat(900)))
  // Read from a peer that joins now and holds nothing itself: every envelope comes over the wire,
  // from answers trimmed to 16 KiB and asked again from where they stopped.
  const late = createDhtService(
    { identity: generateIdentity() },
    {
      dataDir: join(dir, 'late'),
      listen: '127.0.0.1:0',
      grpcListen: '127.0.0.1:0',
      metricsListen: '127.0.0.1:0',
      bootstrap: [services[0].wireAddress],
      logLevel: 'silent',
    },
  )
  await late.start()
  services.push(late)
  await late.bootstrapped
  assert.equal(late.node.inbox.size, 0)
  const listed = await late.inbox.read(bob.publicKey)
  const bySender = (who: LocalIdentity) =>
    listed.filter((e) => e.sender === Buffer.from(who.publicKey).toString('base64url')).length
  // Each peer keeps at most 32 of hers in Bob's inbox; Alice's envelopes are all still listed.
  assert.equal(bySender(mallory), 32)
  assert.ok(listed.some((e) => e.sig === genuine.sig))
  assert.equal(bySender(alice), 2)
})
