import assert from 'node:assert/strict'
import { createSocket } from 'node:dgram'
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { generateIdentity } from '@netswarm/identity'
import { SwarmKey } from '@netswarm/wire'
import fc from 'fast-check'
import { createDhtService } from '../src/index.ts'
import {
  decodeAnnouncement,
  encodeAnnouncement,
  LAN_GROUP,
  LAN_KEY_LABEL,
  openAnnouncement,
  sealAnnouncement,
  startLanDiscovery,
} from '../src/lan-discovery.ts'

/** A DHT service with LAN discovery on `lanPort` (a port of the test's own, so concurrent runs do not hear each other). */
function lanService(dir: string, name: string, lanPort: number, swarmKey?: SwarmKey) {
  return createDhtService(
    { identity: generateIdentity() },
    {
      dataDir: join(dir, name),
      listen: '127.0.0.1:0',
      grpcListen: '127.0.0.1:0',
      metricsListen: '127.0.0.1:0',
      lanDiscovery: true,
      lanPort,
      logLevel: 'silent',
      ...(swarmKey ? { swarmKey } : {}),
    },
  )
}

test('announcements round-trip; anything else decodes to undefined, never throws', () => {
  const id = new Uint8Array(32).fill(7)
  assert.deepEqual(decodeAnnouncement(encodeAnnouncement(id, '10.1.2.3:4001')), { id, address: '10.1.2.3:4001' })
  assert.equal(decodeAnnouncement(encodeAnnouncement(id, 'no port')), undefined)
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
      decodeAnnouncement(bytes)
    }),
  )
})

test('two services with no bootstrap address find each other by LAN multicast', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'netswarm-dht-lan-'))
  const lanPort = 20_000 + Math.floor(Math.random() * 20_000)
  const a = lanService(dir, 'a', lanPort)
  const b = lanService(dir, 'b', lanPort)
  try {
    await a.start()
    const heard = once(a.events, 'lan-peer')
    await b.start()
    const [event] = (await heard) as [{ peerId: string }]
    assert.equal(event.peerId, Buffer.from(b.node.id).toString('hex'))
    assert.ok(a.node.table.get(b.node.id), 'a has b in its routing table')
    assert.equal(await a.node.findPeer(b.node.id).then((c) => c?.addresses[0]), b.wireAddress)
  } finally {
    await Promise.all([a.stop(), b.stop()])
    rmSync(dir, { recursive: true, force: true })
  }
})

test('private swarm: announcements are sealed, one size, fresh each time, and open only under the key', () => {
  const key = SwarmKey.generate().derive('any label')
  const other = SwarmKey.generate().derive('any label')
  const id = new Uint8Array(32).fill(7)
  const short = encodeAnnouncement(id, '10.1.2.3:4001')
  const long = encodeAnnouncement(id, `${'a'.repeat(100)}.example:65000`)
  const a = sealAnnouncement(key, short)
  const b = sealAnnouncement(key, short)
  assert.equal(a.length, sealAnnouncement(key, long).length, 'the length says nothing of the address')
  assert.notDeepEqual(a, b, 'a fresh nonce per datagram')
  assert.equal(Buffer.from(a).indexOf(Buffer.from(id)), -1)
  assert.deepEqual(decodeAnnouncement(openAnnouncement(key, a)!), { id, address: '10.1.2.3:4001' })
  assert.equal(openAnnouncement(other, a), undefined)
  assert.equal(openAnnouncement(key, short), undefined, 'a public announcement does not open')
  assert.equal(decodeAnnouncement(a), undefined, 'a public peer ignores a sealed one')
  const flipped = Buffer.from(a)
  flipped[40] ^= 1
  assert.equal(openAnnouncement(key, flipped), undefined)
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
      assert.equal(openAnnouncement(key, bytes), undefined)
    }),
  )
})

test('private swarm: a member dials only announcements sealed under its secret', async (t) => {
  const lanPort = 20_000 + Math.floor(Math.random() * 20_000)
  const swarmKey = SwarmKey.generate()
  const dialed: string[] = []
  let resolveMember!: () => void
  const memberHeard = new Promise<void>((resolve) => (resolveMember = resolve))
  const discovery = await startLanDiscovery({
    id: new Uint8Array(32).fill(1),
    address: '127.0.0.1:1',
    port: lanPort,
    swarmKey,
    dial: async (address) => {
      dialed.push(address)
      if (address === '127.0.0.1:3003') resolveMember()
    },
  })
  t.after(() => discovery.stop())
  const sender = createSocket({ type: 'udp4', reuseAddr: true })
  t.after(() => new Promise<void>((resolve) => sender.close(() => resolve())))
  await new Promise<void>((resolve) => sender.bind(0, () => resolve()))
  sender.setMulticastLoopback(true)
  const send = (bytes: Uint8Array) =>
    new Promise<void>((resolve, reject) =>
      sender.send(bytes, lanPort, LAN_GROUP, (err) => (err ? reject(err) : resolve())),
    )
  const ann = (n: number) => encodeAnnouncement(new Uint8Array(32).fill(n), `127.0.0.1:300${n}`)
  // In order from one socket: public, another swarm's, then a member's. Only the last is dialed.
  await send(ann(2))
  await send(sealAnnouncement(SwarmKey.generate().derive(LAN_KEY_LABEL), ann(4)))
  await send(sealAnnouncement(swarmKey.derive(LAN_KEY_LABEL), ann(3)))
  await memberHeard
  assert.deepEqual(dialed, ['127.0.0.1:3003'])
})

test('two services of one private swarm find each other by LAN multicast', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'netswarm-dht-lan-private-'))
  const lanPort = 20_000 + Math.floor(Math.random() * 20_000)
  const swarmKey = SwarmKey.generate()
  const a = lanService(dir, 'a', lanPort, swarmKey)
  const b = lanService(dir, 'b', lanPort, swarmKey)
  try {
    await a.start()
    const heard = once(a.events, 'lan-peer')
    await b.start()
    const [event] = (await heard) as [{ peerId: string }]
    assert.equal(event.peerId, Buffer.from(b.node.id).toString('hex'))
    assert.ok(a.node.table.get(b.node.id), 'a has b in its routing table (over a private handshake)')
  } finally {
    await Promise.all([a.stop(), b.stop()])
    rmSync(dir, { recursive: true, force: true })
  }
})
