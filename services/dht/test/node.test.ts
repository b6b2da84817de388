/** DhtNode on a scripted transport and a simulated clock: ping-before-evict and failure handling. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { SimClock } from '@netswarm/sim'
import type { Contact } from '../src/kademlia/contact.ts'
import { keyEquals } from '../src/kademlia/key.ts'
import { DhtNode } from '../src/node.ts'
import type { DhtRequest } from '../src/rpc/messages.ts'
import type { DhtTransport } from '../src/transport.ts'

const self = new Uint8Array(32)
function far(n: number): Uint8Array {
  const k = new Uint8Array(32)
  k[0] = 0x80
  k[31] = n
  return k
}
const contact = (n: number): Contact => ({ id: far(n), addresses: [`10.0.0.${n}:4001`], lastSeen: 0 })

function setup(alive: (id: Uint8Array) => boolean) {
  const clock = new SimClock()
  const sent: { to: number; request: DhtRequest }[] = []
  const transport: DhtTransport = {
    request(to, request, options) {
      sent.push({ to: to.id[31], request })
      return new Promise((resolve, reject) => {
        if (alive(to.id)) clock.setTimeout(() => resolve({ response: { type: 'PONG' }, rttMs: 10 }), 10)
        else clock.setTimeout(() => reject(new Error('timeout')), options.timeoutMs)
      })
    },
    dial: () => Promise.reject(new Error('not used')),
  }
  const node = new DhtNode(
    { clock, transport, randomBytes: (n) => new Uint8Array(n) },
    {
      id: self,
      addresses: ['10.0.0.100:4001'],
      k: 2,
      requestTimeoutMs: 1000,
      pingIfSilentMs: 60_000,
      maxConcurrentLookups: 1,
    },
  )
  return { clock, node, sent }
}

test('a full bucket pings its silent oldest contact and keeps it when it answers', async () => {
  const { clock, node, sent } = setup(() => true)
  node.heard(contact(1))
  node.heard(contact(2))
  await clock.advanceTo(30_000)
  node.heard(contact(3)) // oldest heard 30 s ago: not silent long enough, no ping
  assert.equal(sent.length, 0)
  await clock.advanceTo(61_000)
  node.heard(contact(4))
  assert.deepEqual(sent, [{ to: 1, request: { type: 'PING' } }])
  await clock.runUntilIdle()
  assert.ok(node.table.get(far(1)), 'live old contact kept')
  assert.equal(node.table.get(far(4)), undefined, 'newcomer waits as a replacement')
})

test('a silent oldest contact that does not answer is evicted for the newcomer', async () => {
  const { clock, node } = setup((id) => !keyEquals(id, far(1)))
  node.heard(contact(1))
  node.heard(contact(2))
  await clock.advanceTo(61_000)
  node.heard(contact(3))
  await clock.runUntilIdle()
  assert.equal(node.table.get(far(1)), undefined)
  assert.ok(node.table.get(far(3)))
  assert.equal(node.table.size, 2)
})

test('requests from peers are rate limited and counted', () => {
  const { node } = setup(() => true)
  const from = { id: far(9), addresses: ['10.0.0.9:4001'] }
  let limited = 0
  for (let i = 0; i < 300; i++) {
    const r = node.handleRequest(from, { type: 'PING' })
    if (r.type === 'ERROR' && r.code === 'RATE_LIMITED') limited++
  }
  assert.equal(limited, 100) // burst of 200, no time passed
  assert.equal(node.stats.rateLimited, 100)
})

test('concurrent lookups are bounded: the excess is refused with RESOURCE_EXHAUSTED', async () => {
  const { clock, node } = setup(() => true)
  node.heard(contact(1))
  const first = node.lookup(far(5))
  await assert.rejects(node.lookup(far(6)), { code: 'RESOURCE_EXHAUSTED' })
  await clock.runUntilIdle()
  assert.equal((await first).closest.length, 1)
  const again = node.lookup(far(7))
  await clock.runUntilIdle()
  assert.equal((await again).closest.length, 1, 'the slot is free again')
})
