import assert from 'node:assert/strict'
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { generateIdentity } from '@netswarm/identity'
import fc from 'fast-check'
import { createDhtService } from '../src/index.ts'
import { decodeAnnouncement, encodeAnnouncement } from '../src/lan-discovery.ts'

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
  // A port of our own, so concurrent test runs on this machine do not hear each other.
  const lanPort = 20_000 + Math.floor(Math.random() * 20_000)
  const make = (name: string) =>
    createDhtService(
      { identity: generateIdentity() },
      {
        dataDir: join(dir, name),
        listen: '127.0.0.1:0',
        grpcListen: '127.0.0.1:0',
        metricsListen: '127.0.0.1:0',
        lanDiscovery: true,
        lanPort,
        logLevel: 'silent',
      },
    )
  const a = make('a')
  const b = make('b')
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
