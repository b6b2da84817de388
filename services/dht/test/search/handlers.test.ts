/** The search requests as a DhtNode answers them: who may store, what is refused, what is found. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { generateIdentity } from '@netswarm/identity'
import type { DhtNode, DhtNodeComponents, DhtNodeInit } from '../../src/node.ts'
import type { DhtResponse } from '../../src/rpc/messages.ts'
import { signEntry } from '../../src/search/entry.ts'
import { keywordKey } from '../../src/search/normalize.ts'
import { offlineNode } from '../helpers/offline-node.ts'

const publisher = generateIdentity()
const stranger = generateIdentity()
const from = (id: { peerId: { bytes: Uint8Array } }) => ({ id: id.peerId.bytes, addresses: ['127.0.0.1:9000'] })

function node(components: Partial<DhtNodeComponents> = {}, init: Partial<DhtNodeInit> = {}): DhtNode {
  return offlineNode(components, { searchStore: { maxPerPublisher: 3 }, ...init })
}

const meta = (i: number) => ({
  cid: `bafy${i}`,
  name: `Trip to Norway ${i}.jpg`,
  mediaType: 'image/jpeg',
  size: 10 + i,
  tags: [],
  description: '',
})

test('STORE_ENTRY: only the publisher itself, with a valid signature, under a keyword of the entry', () => {
  const n = node()
  const entry = signEntry(publisher, meta(1), 1)
  const ok = n.handleRequest(from(publisher), { type: 'STORE_ENTRY', keyword: 'norway', entry })
  assert.deepEqual(ok, { type: 'OK', stored: true })
  const foreign = n.handleRequest(from(stranger), { type: 'STORE_ENTRY', keyword: 'norway', entry })
  assert.equal(foreign.type, 'ERROR')
  assert.match((foreign as { message: string }).message, /only its publisher/)
  const unrelated = n.handleRequest(from(publisher), { type: 'STORE_ENTRY', keyword: 'viagra', entry })
  assert.match((unrelated as { message: string }).message, /keyword-mismatch/)
  const forged = n.handleRequest(from(publisher), {
    type: 'STORE_ENTRY',
    keyword: 'norway',
    entry: { ...entry, name: 'Trip to Norway 2.jpg' },
  })
  assert.match((forged as { message: string }).message, /bad-signature/)
  assert.equal(n.searchEntries.size, 1)
})

test('per-publisher limit answers RATE_LIMITED; FIND_ENTRIES returns matches with closer peers; REMOVE_ENTRY withdraws', () => {
  const n = node()
  for (let i = 0; i < 3; i++) {
    const r = n.handleRequest(from(publisher), {
      type: 'STORE_ENTRY',
      keyword: 'trip',
      entry: signEntry(publisher, meta(i), i),
    })
    assert.equal(r.type, 'OK')
  }
  const over = n.handleRequest(from(publisher), {
    type: 'STORE_ENTRY',
    keyword: 'trip',
    entry: signEntry(publisher, meta(9), 9),
  })
  assert.equal(over.type === 'ERROR' && over.code, 'RATE_LIMITED')
  const find = (words: string[]): DhtResponse =>
    n.handleRequest(from(stranger), {
      type: 'FIND_ENTRIES',
      key: keywordKey('trip'),
      query: { words, prefix: false },
      limit: 10,
    })
  const found = find(['trip', 'norway'])
  assert.equal(found.type, 'ENTRIES')
  if (found.type !== 'ENTRIES') return
  assert.equal(found.entries.length, 3)
  assert.deepEqual(found.entries[0].addresses, ['127.0.0.1:9000'])
  assert.ok(
    found.closer.some((p) => p.addresses[0] === '127.0.0.1:9000'),
    'the sender became a contact',
  )
  const none = find(['sweden'])
  assert.equal(none.type === 'ENTRIES' && none.entries.length, 0)
  n.handleRequest(from(stranger), { type: 'REMOVE_ENTRY', keyword: 'trip', cid: 'bafy0' })
  assert.equal(n.searchEntries.size, 3, 'a stranger cannot withdraw entries')
  n.handleRequest(from(publisher), { type: 'REMOVE_ENTRY', keyword: 'trip', cid: 'bafy0' })
  assert.equal(n.searchEntries.size, 2)
})

test('SEARCH_LOCAL answers from the files this peer published itself', () => {
  const n = node()
  n.localIndex.set(signEntry(publisher, meta(1), 1))
  const r = n.handleRequest(from(stranger), {
    type: 'SEARCH_LOCAL',
    query: { words: ['norw'], prefix: true },
    limit: 5,
  })
  assert.equal(r.type === 'ENTRIES' && r.entries.length, 1)
  assert.equal(r.type === 'ENTRIES' && r.entries[0].addresses[0], '127.0.0.1:1')
})

test('the node tells its search observer of requests, refused entries (by reason) and evictions', () => {
  const events: string[] = []
  const n = node(
    {
      onSearch: {
        request: (type) => events.push(type),
        refused: (reason) => events.push(`refused ${reason}`),
        evicted: () => events.push('evicted'),
      },
    },
    { searchStore: { maxPerPublisherPerKeyword: 2 } },
  )
  const store = (entry: ReturnType<typeof signEntry>, sender = publisher) =>
    n.handleRequest(from(sender), { type: 'STORE_ENTRY', keyword: 'trip', entry })
  store(signEntry(publisher, meta(1), 5))
  store(signEntry(publisher, meta(2), 5))
  // A third entry of the same publisher under one keyword displaces its oldest.
  store(signEntry(publisher, meta(3), 5))
  store(signEntry(publisher, meta(3), 4))
  store(signEntry(publisher, meta(4), 5), stranger)
  n.handleRequest(from(stranger), { type: 'SEARCH_LOCAL', query: { words: ['trip'], prefix: false }, limit: 5 })
  assert.deepEqual(events, [
    'STORE_ENTRY',
    'STORE_ENTRY',
    'STORE_ENTRY',
    'evicted',
    'STORE_ENTRY',
    'refused stale',
    'STORE_ENTRY',
    'refused not-publisher',
    'SEARCH_LOCAL',
  ])
  assert.equal(n.searchEntries.size, 2)
})
