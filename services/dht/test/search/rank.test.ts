import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { SearchEntry } from '../../src/search/entry.ts'
import { parseQuery } from '../../src/search/query.ts'
import { HitSet, matchEntry } from '../../src/search/rank.ts'

const entry = (cid: string, name: string, tags: string[] = [], description = '', publishedAt = 0): SearchEntry => ({
  cid,
  name,
  mediaType: '',
  size: 1,
  tags,
  description,
  publisher: new Uint8Array(32),
  publishedAt,
  signature: new Uint8Array(64),
})
const peer = (n: number) => ({ id: new Uint8Array(32).fill(n), addresses: [`127.0.0.1:${n}`] })

test('matching: whole words, accents and case folded, prefix only for the last word when asked', () => {
  const q = parseQuery('Café noir')
  assert.deepEqual(matchEntry(q, entry('a', 'cafe-NOIR.mp3')), { matched: 2, inName: 2, all: true })
  assert.deepEqual(matchEntry(q, entry('b', 'cafe.mp3', ['noir'])), { matched: 2, inName: 1, all: true })
  assert.deepEqual(matchEntry(q, entry('c', 'cafeteria noirs')), { matched: 0, inName: 0, all: false })
  const typeAhead = parseQuery('cafe noi', { prefix: true })
  assert.deepEqual(matchEntry(typeAhead, entry('d', 'cafe noirs')), { matched: 2, inName: 2, all: true })
  assert.equal(matchEntry(parseQuery('caf noir', { prefix: true }), entry('e', 'cafe noir')).all, false)
})

test('ranking: all words, then name over tags, then more providers; merged by CID', () => {
  const hits = new HitSet(parseQuery('cafe noir'))
  hits.add(entry('tags', 'song.mp3', ['cafe', 'noir']), peer(1))
  hits.add(entry('partial', 'cafe.mp3'), peer(1))
  hits.add(entry('name', 'cafe noir.mp3'), peer(1))
  hits.add(entry('popular', 'noir cafe.flac'), peer(1))
  assert.ok(hits.add(entry('popular', 'noir cafe.flac'), peer(2)), 'a new provider changes the hit')
  assert.equal(hits.add(entry('popular', 'noir cafe.flac'), peer(2)), undefined, 'same provider: no change')
  assert.equal(hits.size, 4)
  const ranked = hits.ranked()
  assert.deepEqual(
    ranked.map((h) => h.cid),
    ['popular', 'name', 'tags', 'partial'],
  )
  assert.equal(ranked[0].providers.length, 2)
})

test('the newest entry of a file gives its metadata', () => {
  const hits = new HitSet(parseQuery('report'))
  hits.add(entry('x', 'report draft.pdf', [], '', 1), peer(1))
  const updated = hits.add(entry('x', 'report final.pdf', [], '', 2), peer(1))
  assert.equal(updated?.name, 'report final.pdf')
  assert.equal(hits.add(entry('x', 'report old.pdf', [], '', 0), peer(1)), undefined)
})
