import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import type { Contact } from '../../src/kademlia/contact.ts'
import { compareDistance, keyEquals } from '../../src/kademlia/key.ts'
import { RoutingTable } from '../../src/kademlia/routing-table.ts'

const self = new Uint8Array(32)

/** A key in bucket 0 (first bit differs from self) with a distinguishing last byte. */
function far(n: number): Uint8Array {
  const k = new Uint8Array(32)
  k[0] = 0x80
  k[31] = n
  return k
}

function contact(id: Uint8Array, host = `10.0.0.${id[31]}`, rttMs?: number): Contact {
  return { id, addresses: [`${host}:4001`], lastSeen: 0, rttMs }
}

test('add reports added, updated, then bucket-full with the least recently seen contact', () => {
  const table = new RoutingTable({ self, k: 3, latencyAware: false })
  assert.equal(table.add(contact(far(1)), 1).status, 'added')
  assert.equal(table.add(contact(far(2)), 2).status, 'added')
  assert.equal(table.add(contact(far(3)), 3).status, 'added')
  assert.equal(table.add(contact(far(1)), 4).status, 'updated') // far(1) is now the newest
  const full = table.add(contact(far(4)), 5)
  assert.equal(full.status, 'bucket-full')
  assert.ok(full.status === 'bucket-full' && keyEquals(full.oldest.id, far(2)))
  assert.equal(table.size, 3)
  assert.equal(table.replacementCount, 1)
})

test('remove promotes the newest replacement when latency-unaware', () => {
  const table = new RoutingTable({ self, k: 2, latencyAware: false })
  table.add(contact(far(1)), 1)
  table.add(contact(far(2)), 2)
  table.add(contact(far(3), undefined, 5), 3)
  table.add(contact(far(4), undefined, 100), 4)
  table.remove(far(1))
  assert.ok(table.get(far(4)), 'newest spare promoted')
  assert.equal(table.get(far(3)), undefined)
})

test('latency-aware: a dead contact is replaced by the fastest spare', () => {
  const table = new RoutingTable({ self, k: 2, latencyAware: true })
  table.add(contact(far(1)), 1)
  table.add(contact(far(2)), 2)
  table.add(contact(far(3), undefined, 5), 3)
  table.add(contact(far(4), undefined, 100), 4)
  table.remove(far(1))
  assert.ok(table.get(far(3)), 'fastest spare promoted')
})

test('latency-aware: a full bucket swaps its slowest contact for a much faster newcomer', () => {
  const table = new RoutingTable({ self, k: 2, latencyAware: true })
  table.add(contact(far(1), undefined, 200), 1)
  table.add(contact(far(2), undefined, 50), 2)
  const r = table.add(contact(far(3), undefined, 40), 3)
  assert.equal(r.status, 'added')
  assert.ok(r.status === 'added' && r.evicted && keyEquals(r.evicted.id, far(1)))
  // Not twice as fast as the slowest (50): it waits as a replacement.
  assert.equal(table.add(contact(far(4), undefined, 30), 4).status, 'bucket-full')
})

test('self is rejected and one host may hold at most maxPerHostPerBucket seats (loopback exempt)', () => {
  const table = new RoutingTable({ self, k: 20, maxPerHostPerBucket: 2 })
  assert.deepEqual(table.add(contact(self), 0), { status: 'rejected', reason: 'self' })
  assert.equal(table.add(contact(far(1), '192.0.2.1'), 1).status, 'added')
  assert.equal(table.add(contact(far(2), '192.0.2.1'), 1).status, 'added')
  assert.deepEqual(table.add(contact(far(3), '192.0.2.1'), 1), { status: 'rejected', reason: 'host-limit' })
  for (let i = 10; i < 15; i++) assert.equal(table.add(contact(far(i), '127.0.0.1'), 1).status, 'added')
})

test('closest(n) equals brute force over every contact', () => {
  const key = fc.uint8Array({ minLength: 32, maxLength: 32 })
  fc.assert(
    fc.property(
      key,
      fc.array(key, { minLength: 0, maxLength: 120 }),
      key,
      fc.integer({ min: 1, max: 30 }),
      (me, ids, target, n) => {
        const table = new RoutingTable({ self: me, k: 20, maxPerHostPerBucket: Number.POSITIVE_INFINITY })
        for (const id of ids) table.add({ id, addresses: [], lastSeen: 0 }, 0)
        const inTable = table.contacts().map((c) => c.contact)
        const expected = [...inTable].sort((a, b) => compareDistance(target, a.id, b.id)).slice(0, n)
        assert.deepEqual(
          table.closest(target, n).map((c) => c.id),
          expected.map((c) => c.id),
        )
      },
    ),
    { numRuns: 200 },
  )
})
