import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { cidFromDigest, encodeVersionRecord, MANIFEST_CODEC } from '@netswarm/content'
import type { SignedRecord } from '@netswarm/dht'
import { NameKeystore } from '@netswarm/identity'
import { acceptRecord, newestAccepted } from '../src/names/record-rules.ts'
import { signRecordWith } from '../src/names/signing.ts'

const cid = (n: number) => cidFromDigest(MANIFEST_CODEC, new Uint8Array(32).fill(n))
const value = (sequence: number) =>
  encodeVersionRecord({ sequence, cid: cid(sequence), previous: null, timeMs: 1000 * sequence, message: '', log: null })

async function names(t: { after(fn: () => Promise<void>): void }) {
  const dir = await mkdtemp(join(tmpdir(), 'netswarm-records-'))
  t.after(() => rm(dir, { recursive: true, force: true }))
  const store = new NameKeystore(dir)
  return { mine: await store.create('mine'), other: await store.create('other') }
}

test('a record counts only with a valid signature by the name key and a matching sequence', async (t) => {
  const { mine, other } = await names(t)
  const good = signRecordWith(mine, 2, value(2))
  const accepted = acceptRecord(mine.publicKey, good)
  assert.ok(typeof accepted !== 'string')
  assert.equal(accepted.value.cid.toString(), cid(2).toString())

  const flipped = Uint8Array.from(good.signature)
  flipped[5] ^= 1
  assert.equal(acceptRecord(mine.publicKey, { ...good, signature: flipped }), 'bad-signature')
  // The value changed after signing.
  assert.equal(acceptRecord(mine.publicKey, { ...good, value: value(3) }), 'bad-signature')
  // Signed by another key, presented as this name's record.
  const forged: SignedRecord = { ...signRecordWith(other, 2, value(2)), publicKey: mine.publicKey }
  assert.equal(acceptRecord(mine.publicKey, forged), 'bad-signature')
  assert.equal(acceptRecord(mine.publicKey, signRecordWith(other, 2, value(2))), 'wrong-key')
  // Correctly signed, but the value claims another sequence than the record.
  assert.equal(acceptRecord(mine.publicKey, signRecordWith(mine, 4, value(2))), 'sequence-mismatch')
  assert.equal(acceptRecord(mine.publicKey, signRecordWith(mine, 2, new Uint8Array([1, 2, 3]))), 'bad-value')
})

test('the highest valid sequence wins; lower, equal and invalid candidates are ignored', async (t) => {
  const { mine } = await names(t)
  const r1 = signRecordWith(mine, 1, value(1))
  const r2 = signRecordWith(mine, 2, value(2))
  const r3 = signRecordWith(mine, 3, value(3))
  const held = newestAccepted(mine.publicKey, undefined, r2)
  assert.equal(held?.record.sequence, 2)
  assert.equal(newestAccepted(mine.publicKey, held, r1), held)
  assert.equal(newestAccepted(mine.publicKey, held, r2), held)
  assert.equal(newestAccepted(mine.publicKey, held, undefined), held)
  const badSig = { ...r3, signature: new Uint8Array(64) }
  assert.equal(newestAccepted(mine.publicKey, held, badSig), held)
  assert.equal(newestAccepted(mine.publicKey, undefined, badSig), undefined)
  assert.equal(newestAccepted(mine.publicKey, held, r3)?.record.sequence, 3)
})
