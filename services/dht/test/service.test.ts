/**
 * Three DHT services in one process over real wire sessions on 127.0.0.1: the gRPC API, health,
 * metrics, malformed input, and the rule that a contact's ID must match its authenticated key.
 */
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, test } from 'node:test'
import { generateIdentity } from '@netswarm/identity'
import { checkHealth } from '@netswarm/runtime'
import { connect } from '@netswarm/wire'
import type { DhtClient, DhtService } from '../src/index.ts'
import { decodeResponse, encodeRequest } from '../src/rpc/codec.ts'
import { type LocalServices, startLocalServices } from './helpers/local-services.ts'

const CID = 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy'
let local: LocalServices
let services: DhtService[]
let clients: DhtClient[]

before(async () => {
  local = await startLocalServices(3, ['transfer=0.0.0.0:4555'])
  ;({ services, clients } = local)
})

after(() => local.stop())

test('health is SERVING and /metrics exposes netswarm_dht_* gauges', async () => {
  assert.equal(await checkHealth(services[0].grpcAddress), 'SERVING')
  const res = await fetch(`http://127.0.0.1:${services[0].metricsPort}/metrics`)
  const body = await res.text()
  assert.match(body, /netswarm_dht_routing_table_size\{service="dht"\} 2/)
  assert.match(body, /netswarm_dht_lookups_total/)
})

test('findPeer, routing table and stats over gRPC', async () => {
  const ids = await Promise.all(clients.map(async (c) => (await c.routingTable()).selfPeerId))
  const found = await clients[1].findPeer(ids[2])
  assert.equal(found.peerId, ids[2])
  assert.deepEqual(found.addresses, [services[2].wireAddress])
  const table = await clients[0].routingTable()
  assert.deepEqual(new Set(table.contacts.map((c) => c.peerId)), new Set([ids[1], ids[2]]))
  for (const c of table.contacts) {
    assert.ok(c.bucketIndex >= 0 && c.bucketIndex <= 255)
    assert.ok(Math.abs(c.lastSeenMs - Date.now()) < 600_000)
  }
  const stats = await clients[0].stats()
  assert.equal(stats.routingTableSize, 2)
  assert.ok(stats.messagesReceivedTotal > 0)
  await assert.rejects(clients[0].findPeer('not-a-peer-id'), { code: 'INVALID_ARGUMENT' })
})

test('provide then findProviders streams the provider; records validate', async () => {
  assert.ok((await clients[0].provide(CID)) >= 1)
  const found = []
  for await (const p of clients[2].findProviders(CID)) found.push(p)
  const self0 = (await clients[0].routingTable()).selfPeerId
  const provider = found.find((p) => p.peerId === self0)
  assert.ok(provider, 'the providing peer is found')
  // Its transfer listener travels with it, the unspecified host filled in with the address it was reached at.
  assert.equal(provider.addresses[0], services[0].wireAddress)
  assert.ok(provider.addresses.includes('transfer=127.0.0.1:4555'), provider.addresses.join(' '))
  assert.equal((await clients[0].stats()).providedKeys, 1)
  await assert.rejects(clients[0].findProviders(CID.slice(0, 10))[Symbol.asyncIterator]().next(), {
    code: 'INVALID_ARGUMENT',
  })
  const bogus = { publicKey: randomBytes(32), sequence: '1', value: Buffer.from('x'), signature: randomBytes(64) }
  await assert.rejects(clients[1].putRecord(bogus), { code: 'INVALID_ARGUMENT' })
  assert.equal(await clients[1].getRecord(randomBytes(32)), undefined)
})

test('malformed DHT messages are answered with an error and counted; the node keeps working', async () => {
  const [host, port] = services[0].wireAddress.split(':')
  const session = await connect({ identity: generateIdentity(), host, port: Number(port) })
  try {
    const answer = decodeResponse(await session.request(new Uint8Array([0xff, 0x00, 0x13, 0x37])))
    assert.equal(answer.type, 'ERROR')
    assert.equal(answer.type === 'ERROR' && answer.code, 'MALFORMED_MESSAGE')
    const pong = decodeResponse(await session.request(encodeRequest({ sender: [], request: { type: 'PING' } })))
    assert.equal(pong.type, 'PONG')
  } finally {
    await session.close()
  }
  assert.equal((await clients[0].stats()).malformedMessagesTotal, 1)
})

test('a contact whose ID does not match its authenticated key is never added', async () => {
  const node = services[0].node
  const liar = { id: new Uint8Array(randomBytes(32)), addresses: [services[1].wireAddress], lastSeen: 0 }
  await assert.rejects(node.query(liar, { type: 'PING' }))
  assert.equal(node.table.get(liar.id), undefined)
  // A request carrying someone else's address still registers the sender under its own key.
  assert.equal(node.table.size, 2)
})
