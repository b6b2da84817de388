import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import type { SearchEntry } from '../../src/search/entry.ts'
import { KeywordEntryStore } from '../../src/search/entry-store.ts'

const key = new Uint8Array(32).fill(1)
const other = new Uint8Array(32).fill(2)
/** The store trusts its caller's checks: unsigned entries are enough here. */
const entry = (cid: string, publishedAt = 0): SearchEntry => ({
  cid,
  name: cid,
  mediaType: '',
  size: 1,
  tags: [],
  description: '',
  publisher: new Uint8Array(32),
  publishedAt,
  signature: new Uint8Array(64),
})

test('entries expire unless refreshed; a refresh with an older entry is stale', () => {
  const store = new KeywordEntryStore({ ttlMs: 1000 })
  assert.equal(store.put(key, entry('a', 5), 'p1', ['h:1'], 0), 'stored')
  assert.equal(store.put(key, entry('a', 6), 'p1', ['h:1'], 500), 'refreshed')
  assert.equal(store.put(key, entry('a', 4), 'p1', ['h:1'], 600), 'stale')
  assert.equal(store.get(key, 1400).length, 1)
  assert.equal(store.get(key, 1500).length, 0)
  store.expire(1500)
  assert.equal(store.size, 0)
  assert.equal(store.keywords, 0)
})

test('a full keyword evicts the oldest entry of its most represented publisher', () => {
  const store = new KeywordEntryStore({ maxPerKeyword: 4, maxPerPublisherPerKeyword: 3 })
  store.put(key, entry('s1'), 'spammer', [], 1)
  store.put(key, entry('h1'), 'honest', [], 2)
  store.put(key, entry('s2'), 'spammer', [], 3)
  store.put(key, entry('s3'), 'spammer', [], 4)
  assert.equal(store.put(key, entry('n1'), 'newcomer', [], 5), 'stored')
  const cids = store.get(key, 6).map((e) => e.entry.cid)
  assert.ok(cids.includes('h1') && cids.includes('n1'), cids.join())
  assert.equal(store.countOf(key, 'spammer'), 2)
  // The spammer at its per-keyword cap only displaces its own entries.
  store.put(key, entry('s4'), 'spammer', [], 7)
  assert.ok(store.get(key, 8).some((e) => e.entry.cid === 'h1'))
  assert.ok(store.get(key, 8).some((e) => e.entry.cid === 'n1'))
  assert.equal(store.countOf(key, 'spammer'), 2)
})

test('per-publisher total limit and total limit refuse instead of evicting others', () => {
  const store = new KeywordEntryStore({ maxPerPublisher: 2, maxTotal: 3 })
  assert.equal(store.put(key, entry('a'), 'p', [], 0), 'stored')
  assert.equal(store.put(other, entry('b'), 'p', [], 0), 'stored')
  assert.equal(store.put(other, entry('c'), 'p', [], 0), 'publisher-full')
  assert.equal(store.put(other, entry('c'), 'q', [], 0), 'stored')
  assert.equal(store.put(other, entry('d'), 'r', [], 0), 'store-full')
  assert.equal(store.remove(key, 'p', 'a'), true)
  assert.equal(store.remove(key, 'p', 'a'), false)
  assert.equal(store.put(other, entry('d'), 'r', [], 0), 'stored')
})

test('bounds hold whatever the order of puts', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 30 })), { maxLength: 300 }),
      (puts) => {
        const store = new KeywordEntryStore({ maxPerKeyword: 12, maxPerPublisherPerKeyword: 4 })
        let t = 0
        for (const [p, c] of puts) store.put(key, entry(`c${c}`, t), `p${p}`, [], t++)
        const held = store.get(key, t)
        assert.ok(held.length <= 12)
        const per = new Map<string, number>()
        for (const e of held) per.set(e.publisher, (per.get(e.publisher) ?? 0) + 1)
        for (const n of per.values()) assert.ok(n <= 4)
        assert.equal(store.size, held.length)
      },
    ),
  )
})

test('a full list of single-entry publishers keeps a salted sample, different per node', () => {
  const fill = (salt: number) => {
    const store = new KeywordEntryStore({ maxPerKeyword: 50, salt })
    for (let i = 0; i < 1000; i++) store.put(key, entry(`f${i}`), `p${i}`, [], i)
    return new Set(store.get(key, 1000).map((e) => e.entry.cid))
  }
  const a = fill(1)
  const b = fill(2)
  assert.equal(a.size, 50)
  assert.equal(b.size, 50)
  // Not just the newest 50, and two nodes hold mostly different files.
  assert.ok([...a].some((c) => Number(c.slice(1)) < 950))
  const both = [...a].filter((c) => b.has(c)).length
  assert.ok(both < 25, `overlap ${both}`)
  // Republishing does not churn the sample.
  const store = new KeywordEntryStore({ maxPerKeyword: 50, salt: 1 })
  for (let i = 0; i < 1000; i++) store.put(key, entry(`f${i}`), `p${i}`, [], i)
  for (let i = 0; i < 1000; i++) store.put(key, entry(`f${i}`), `p${i}`, [], 2000 + i)
  assert.deepEqual(new Set(store.get(key, 3000).map((e) => e.entry.cid)), a)
})
