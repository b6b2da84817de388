import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ProviderStore } from '../../src/kademlia/providers.ts'
import { RateLimiter } from '../../src/kademlia/rate-limiter.ts'

const k = (n: number) => new Uint8Array(32).fill(n)
const peer = (n: number) => ({ id: k(n), addresses: [`10.0.0.${n}:4001`] })

test('provider records expire after their TTL unless refreshed', () => {
  const store = new ProviderStore({ ttlMs: 1000 })
  store.add(k(1), peer(1), 0)
  store.add(k(1), peer(2), 500)
  assert.equal(store.get(k(1), 999).length, 2)
  assert.deepEqual(
    store.get(k(1), 1200).map((p) => p.id[0]),
    [2],
  )
  store.add(k(1), peer(2), 1400) // republished
  store.expire(1600)
  assert.equal(store.size, 1)
  assert.equal(store.get(k(1), 2300).length, 1)
})

test('provider records are bounded per key and in total', () => {
  const store = new ProviderStore({ maxPerKey: 3, maxTotal: 5 })
  for (let i = 0; i < 10; i++) assert.equal(store.add(k(1), peer(i), i), true)
  assert.equal(store.get(k(1), 10).length, 3)
  assert.equal(store.add(k(2), peer(1), 10), true)
  assert.equal(store.add(k(2), peer(2), 10), true)
  assert.equal(store.add(k(3), peer(1), 10), false, 'total bound reached')
  assert.equal(store.size, 5)
})

test('the rate limiter allows a burst, then the sustained rate, per peer', () => {
  const limiter = new RateLimiter({ ratePerSecond: 10, burst: 5 })
  let allowed = 0
  for (let i = 0; i < 20; i++) if (limiter.allow('a', 0)) allowed++
  assert.equal(allowed, 5)
  assert.equal(limiter.allow('b', 0), true, 'other peers are not affected')
  assert.equal(limiter.allow('a', 100), true, 'one token back after 100 ms at 10/s')
  assert.equal(limiter.allow('a', 100), false)
})
