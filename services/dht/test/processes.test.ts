/**
 * 20 DHT services as separate processes on 127.0.0.1, joined through one bootstrap address:
 * every node finds every other, providers and mutable records propagate, and lookups still
 * succeed after a third of the processes are killed.
 */
import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import { after, test } from 'node:test'
import { createDhtClient, type DhtClient } from '../src/index.ts'
import { signRecord } from '../src/kademlia/records.ts'
import { createProcessGroup, type DhtProcess } from './helpers/dht-processes.ts'

const NODES = 20
const CID = 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy'

test('20 DHT processes: find peers, providers, records; survive losing a third', { timeout: 240_000 }, async () => {
  const group = createProcessGroup('netswarm-dht-procs-')
  const clients: DhtClient[] = []
  after(async () => {
    for (const c of clients) c.close()
    await group.stop()
  })

  const first = await group.start('node-0', {})
  const rest = await Promise.all(
    Array.from({ length: NODES - 1 }, (_, i) => group.start(`node-${i + 1}`, { NETSWARM_DHT_BOOTSTRAP: first.wire })),
  )
  const nodes: DhtProcess[] = [first, ...rest]
  await Promise.all(rest.map((p) => p.bootstrapped))
  for (const p of nodes) clients.push(createDhtClient(p.grpc))
  const ids = await Promise.all(clients.map(async (c) => (await c.routingTable()).selfPeerId))
  assert.equal(new Set(ids).size, NODES)

  // Every node finds every other by ID.
  for (let i = 0; i < NODES; i++) {
    const found = await Promise.all(ids.map((id, j) => (i === j ? undefined : clients[i].findPeer(id))))
    found.forEach((peer, j) => {
      if (i !== j) assert.equal(peer?.peerId, ids[j], `node ${i} finds node ${j}`)
    })
  }

  // Providers announced on node 1 are found from all others.
  const storedOn = await clients[1].provide(CID)
  assert.ok(storedOn >= 1, `provider record stored on ${storedOn} peers`)
  for (let i = 0; i < NODES; i++) {
    if (i === 1) continue
    const providers = []
    for await (const p of clients[i].findProviders(CID, { limit: 5 })) providers.push(p.peerId)
    assert.ok(providers.includes(ids[1]), `node ${i} finds the provider`)
  }

  // A mutable record put on one node is read from another; a newer sequence replaces it.
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const rawPk = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }).subarray(12))
  const v1 = signRecord(privateKey, rawPk, 1, new TextEncoder().encode('bafy-version-1'))
  const toApi = (r: typeof v1) => ({ ...r, sequence: String(r.sequence) })
  assert.ok((await clients[2].putRecord(toApi(v1))) >= 1)
  const got1 = await clients[9].getRecord(rawPk)
  assert.equal(got1?.sequence, '1')
  assert.equal(new TextDecoder().decode(got1?.value), 'bafy-version-1')
  const v2 = signRecord(privateKey, rawPk, 2, new TextEncoder().encode('bafy-version-2'))
  assert.ok((await clients[5].putRecord(toApi(v2))) >= 1)
  const got2 = await clients[9].getRecord(rawPk)
  assert.equal(got2?.sequence, '2')
  assert.equal(new TextDecoder().decode(got2?.value), 'bafy-version-2')

  // Kill a third of the processes without warning (not node 1, the provider).
  const victims = [3, 6, 9, 12, 15, 17, 19]
  for (const v of victims) nodes[v].child.kill('SIGKILL')
  await Promise.all(victims.map((v) => nodes[v].exited))
  const alive = nodes.map((_, i) => i).filter((i) => !victims.includes(i))
  for (const i of alive) {
    const targets = alive.filter((j) => j !== i)
    const found = await Promise.all(targets.map((j) => clients[i].findPeer(ids[j])))
    found.forEach((peer, n) => {
      assert.equal(peer.peerId, ids[targets[n]], `after the kill, node ${i} finds ${targets[n]}`)
    })
  }
  const providers = []
  for await (const p of clients[alive[alive.length - 1]].findProviders(CID, { limit: 5 })) providers.push(p.peerId)
  assert.ok(providers.includes(ids[1]), 'provider still found after the kill')
  const got3 = await clients[alive[alive.length - 1]].getRecord(rawPk)
  assert.equal(got3?.sequence, '2')
})
