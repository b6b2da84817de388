/**
 * Share inboxes against a hostile peer, with real processes: A shares a private file with B; a
 * third peer M (an in-process DHT service on the same public swarm) relays, forges and garbles
 * envelopes into B's inbox and floods it with its own. Every foreign store is refused by the
 * peers holding the inbox, and B still lists A's share, from A.
 */
import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { generateReadKey, type ShareEnvelope, signEnvelope, wrapForRecipient } from '@netswarm/content/private'
import { createDhtService } from '@netswarm/dht'
import { ed25519PublicToX25519, generateIdentity } from '@netswarm/identity'
import { runCli, startSwarm, testBytes } from './helpers/swarm.ts'

test('a third party cannot erase, replace or forge the shares in an inbox', async (t) => {
  const swarm = await startSwarm(t, 2)
  const [a, b] = swarm.peers
  const auth = { NETSWARM_TOKEN: swarm.token }
  const dir = await mkdtemp(join(tmpdir(), 'netswarm-inbox-'))
  t.after(() => rm(dir, { recursive: true, force: true }))
  await writeFile(join(dir, 'plan.txt'), testBytes(4096, 3))
  const added = await runCli(['add', '--private', join(dir, 'plan.txt'), '--json', '-g', a.gatewayUrl], auth)
  assert.equal(added.code, 0, added.stderr)
  const { cid, netswarmLink } = JSON.parse(added.stdout.toString()) as { cid: string; netswarmLink: string }
  const idB = (await (await fetch(`${b.gatewayUrl}/api/v1/identity`)).json()) as { publicKey: string }
  const shared = await runCli(['share', netswarmLink, '--to', idB.publicKey, '--json', '-g', a.gatewayUrl], auth)
  assert.equal(shared.code, 0, shared.stderr)
  assert.ok((JSON.parse(shared.stdout.toString()) as { storedOn: number }).storedOn >= 1)

  // M joins the swarm's DHT as an ordinary peer.
  const mallory = generateIdentity()
  const m = createDhtService(
    { identity: mallory },
    {
      dataDir: join(dir, 'mallory'),
      listen: '127.0.0.1:0',
      grpcListen: '127.0.0.1:0',
      metricsListen: '127.0.0.1:0',
      bootstrap: [a.dhtAddress],
      logLevel: 'silent',
    },
  )
  await m.start()
  t.after(() => m.stop())
  await m.bootstrapped
  const bob = new Uint8Array(Buffer.from(idB.publicKey, 'hex'))
  const [genuine] = await m.inbox.read(bob)
  assert.ok(genuine, "M can read B's inbox (envelopes open only for B)")
  const wrapFor = (name: string) =>
    wrapForRecipient({
      cid,
      readKey: generateReadKey(),
      name,
      recipientEd25519: bob,
      recipientX25519: ed25519PublicToX25519(bob),
    })
  const holders = m.node.table.contacts().map(({ contact }) => contact)
  assert.equal(holders.length, 2)
  const attempts: [ShareEnvelope, RegExp][] = [
    // A's envelope relayed by M (the old inbox let anyone rewrite the list).
    [genuine, /only its sender/],
    // Signed by M, naming A as the sender.
    [{ ...signEnvelope(wrapFor('forged.txt'), bob, mallory), sender: genuine.sender }, /bad-signature/],
    // A's envelope with another box, and garbage that is not an envelope at all.
    [{ ...genuine, box: `${genuine.box.slice(0, -4)}AAAA` }, /bad-signature/],
    [{ ...genuine, sig: 'garbage' }, /sig/],
  ]
  for (const [envelope, reason] of attempts) {
    for (const holder of holders) {
      const answer = await m.node.query(holder, { type: 'STORE_INBOX', recipient: bob, envelope })
      assert.equal(answer.type, 'ERROR')
      assert.match(answer.type === 'ERROR' ? answer.message : '', reason)
    }
  }
  // M floods B's inbox with envelopes of its own: each holder keeps at most 32 of them.
  for (let i = 0; i < 40; i++) await m.inbox.deliver(bob, signEnvelope(wrapFor(`spam-${i}.txt`), bob, mallory))

  const list = await runCli(['shared', '--json', '-g', b.gatewayUrl], auth)
  assert.equal(list.code, 0, list.stderr)
  const entries = (JSON.parse(list.stdout.toString()) as { shared: { cid: string; name: string; from: string }[] })
    .shared
  const fromA = entries.filter((e) => e.from === a.peerId)
  assert.deepEqual(
    fromA.map((e) => [e.cid, e.name]),
    [[cid, 'plan.txt']],
  )
  // M's envelopes list as M's (all for one file: listed once), never as A's.
  const fromM = entries.filter((e) => e.from !== a.peerId)
  assert.equal(fromM.length, 1)
  assert.match(fromM[0].name, /^spam-/)
  assert.equal(fromM[0].from, mallory.peerId.toString())
})
