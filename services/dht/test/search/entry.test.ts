import assert from 'node:assert/strict'
import { test } from 'node:test'
import { generateIdentity } from '@netswarm/identity'
import fc from 'fast-check'
import { decodeRequest, decodeResponse, encodeRequest, encodeResponse, MAX_MESSAGE_BYTES } from '../../src/rpc/codec.ts'
import type { DhtRequest, DhtResponse } from '../../src/rpc/messages.ts'
import { checkEntry, ENTRY_LIMITS, type FileMetadata, metadataProblem, signEntry } from '../../src/search/entry.ts'
import { entryFromCbor, entryToCbor } from '../../src/search/entry-codec.ts'

const identity = generateIdentity()
const other = generateIdentity()
const base: FileMetadata = {
  cid: 'bafkreiexample',
  name: 'Holiday Photos 2024.zip',
  mediaType: 'application/zip',
  size: 123456,
  tags: ['beach', 'family'],
  description: 'Pictures from the coast',
}

const word = fc.stringMatching(/^[a-zA-Zé0-9]{1,10}$/)
const metadata: fc.Arbitrary<FileMetadata> = fc.record(
  {
    cid: fc.stringMatching(/^baf[a-z2-7]{1,60}$/),
    name: fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join(' ')),
    mediaType: fc.constantFrom('application/zip', 'text/plain', ''),
    size: fc.maxSafeNat(),
    tags: fc.array(word, { maxLength: ENTRY_LIMITS.tags }),
    description: fc.stringMatching(/^[a-zA-Z0-9 .,!é]{0,40}$/),
  },
  { noNullPrototype: true },
)

test('entry codec round trip through STORE_ENTRY and ENTRIES messages', () => {
  fc.assert(
    fc.property(metadata, fc.maxSafeNat(), (m, at) => {
      const entry = signEntry(identity, m, at)
      assert.deepEqual(entryFromCbor(entryToCbor(entry)), entry)
      const request: DhtRequest = { type: 'STORE_ENTRY', keyword: 'holiday', entry }
      assert.deepEqual(decodeRequest(encodeRequest({ sender: ['127.0.0.1:1'], request })).request, request)
      const response: DhtResponse = { type: 'ENTRIES', entries: [{ entry, addresses: ['127.0.0.1:2'] }], closer: [] }
      assert.deepEqual(decodeResponse(encodeResponse(response)), response)
      const decoded = decodeResponse(encodeResponse(response))
      assert.ok(decoded.type === 'ENTRIES' && checkEntry(decoded.entries[0].entry) === undefined)
    }),
    { numRuns: 50 },
  )
})

test('FIND_ENTRIES and SEARCH_LOCAL round trip; malformed queries are refused', () => {
  const find: DhtRequest = {
    type: 'FIND_ENTRIES',
    key: new Uint8Array(32).fill(7),
    query: { words: ['holiday', 'pho'], prefix: true },
    limit: 20,
    count: 25,
  }
  assert.deepEqual(decodeRequest(encodeRequest({ sender: [], request: find })).request, find)
  const local: DhtRequest = { type: 'SEARCH_LOCAL', query: { words: ['x'], prefix: false }, limit: 5 }
  assert.deepEqual(decodeRequest(encodeRequest({ sender: [], request: local })).request, local)
  const bad = { ...local, query: { words: [], prefix: false } }
  assert.throws(() => decodeRequest(encodeRequest({ sender: [], request: bad })), /1\.\.8 words/)
  const big = { ...local, limit: 100_000 }
  assert.throws(() => decodeRequest(encodeRequest({ sender: [], request: big })), /field l/)
})

test('an ENTRIES answer is trimmed from the end to fit one message', () => {
  const long: FileMetadata = { ...base, name: 'n'.repeat(250), description: 'd'.repeat(280) }
  const entries = Array.from({ length: 40 }, (_, i) => ({
    entry: signEntry(identity, { ...long, cid: `bafy${i}` }, i),
    addresses: ['127.0.0.1:4000'],
  }))
  const bytes = encodeResponse({ type: 'ENTRIES', entries, closer: [] })
  assert.ok(bytes.length <= MAX_MESSAGE_BYTES)
  const decoded = decodeResponse(bytes)
  assert.equal(decoded.type, 'ENTRIES')
  if (decoded.type !== 'ENTRIES') return
  assert.ok(decoded.entries.length > 5 && decoded.entries.length < 40, `kept ${decoded.entries.length}`)
  assert.deepEqual(decoded.entries[0], entries[0])
})

test('signatures: valid entries pass; any change, another key or a foreign keyword fails', () => {
  const entry = signEntry(identity, base, 1000)
  assert.equal(checkEntry(entry), undefined)
  assert.equal(checkEntry(entry, 'holiday'), undefined)
  assert.equal(checkEntry(entry, 'bea*'), undefined)
  assert.equal(checkEntry(entry, 'coast'), 'keyword-mismatch', 'description words are not published keywords')
  assert.equal(checkEntry(entry, 'cats'), 'keyword-mismatch')
  assert.equal(checkEntry({ ...entry, name: 'Holiday Photos 2025.zip' }), 'bad-signature')
  assert.equal(checkEntry({ ...entry, size: entry.size + 1 }), 'bad-signature')
  assert.equal(checkEntry({ ...entry, tags: ['beach'] }), 'bad-signature')
  assert.equal(checkEntry({ ...entry, publishedAt: 1001 }), 'bad-signature')
  assert.equal(checkEntry({ ...entry, publisher: other.publicKey }), 'bad-signature')
  const flipped = new Uint8Array(entry.signature)
  flipped[0] ^= 1
  assert.equal(checkEntry({ ...entry, signature: flipped }), 'bad-signature')
  // A valid signature checked once is cached; the cache must not accept it on other content.
  assert.equal(checkEntry(entry), undefined)
  assert.equal(checkEntry({ ...entry, cid: 'bafkreiother' }), 'bad-signature')
})

test('metadata limits give clear messages', () => {
  assert.equal(metadataProblem(base), undefined)
  assert.match(metadataProblem({ ...base, name: '' }) ?? '', /name must be/)
  assert.match(metadataProblem({ ...base, name: 'x'.repeat(256) }) ?? '', /name must be/)
  assert.match(metadataProblem({ ...base, tags: Array(9).fill('t') }) ?? '', /at most 8 tags/)
  assert.match(metadataProblem({ ...base, description: 'a\u0007b' }) ?? '', /control characters/)
  assert.match(metadataProblem({ ...base, name: '...', tags: [] }) ?? '', /no word/)
  assert.match(metadataProblem({ ...base, size: -1 }) ?? '', /size/)
})
