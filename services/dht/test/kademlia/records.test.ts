import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import { test } from 'node:test'
import { checkRecord, RecordStore, recordKey, signRecord } from '../../src/kademlia/records.ts'

function keyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  return { privateKey, raw: new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }).subarray(12)) }
}
const text = (s: string) => new TextEncoder().encode(s)

test('a signed record verifies; any tampering is caught', () => {
  const { privateKey, raw } = keyPair()
  const r = signRecord(privateKey, raw, 7, text('bafy-manifest'))
  assert.equal(checkRecord(r), undefined)
  assert.equal(checkRecord({ ...r, sequence: 8 }), 'bad-signature')
  assert.equal(checkRecord({ ...r, value: text('bafy-other') }), 'bad-signature')
  assert.equal(checkRecord({ ...r, publicKey: keyPair().raw }), 'bad-signature')
  assert.equal(checkRecord({ ...r, value: new Uint8Array(2000) }), 'too-large')
  assert.equal(checkRecord({ ...r, sequence: -1 }), 'bad-sequence')
  assert.equal(checkRecord({ ...r, publicKey: new Uint8Array(31) }), 'bad-key')
})

test('the store keeps only the valid record with the highest sequence', () => {
  const { privateKey, raw } = keyPair()
  const store = new RecordStore()
  const v1 = signRecord(privateKey, raw, 1, text('v1'))
  const v2 = signRecord(privateKey, raw, 2, text('v2'))
  assert.equal(store.put(v2), 'stored')
  assert.equal(store.put(v1), 'stale')
  assert.equal(store.put(v2), 'unchanged')
  assert.equal(store.put({ ...v2, sequence: 3 }), 'bad-signature')
  assert.equal(store.get(recordKey(raw))?.sequence, 2)
})

test('the store is bounded: the least recently updated record goes first', () => {
  const store = new RecordStore({ maxRecords: 2 })
  const keys = [keyPair(), keyPair(), keyPair()]
  for (const k of keys) store.put(signRecord(k.privateKey, k.raw, 1, text('x')))
  assert.equal(store.size, 2)
  assert.equal(store.get(recordKey(keys[0].raw)), undefined)
  assert.ok(store.get(recordKey(keys[2].raw)))
})
