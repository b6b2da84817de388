import assert from 'node:assert/strict'
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, type TestContext, test } from 'node:test'
import { CID } from 'multiformats/cid'
import * as Digest from 'multiformats/hashes/digest'
import { ChunkIntegrityError, ChunkStore, isVerifiedChunk, type VerifiedChunk, verifyChunk } from '../src/index.ts'

function chunk(size: number) {
  const bytes = new Uint8Array(randomBytes(size))
  const cid = CID.createV1(0x55, Digest.create(0x12, createHash('sha256').update(bytes).digest()))
  return { cid, bytes }
}

async function open(t: TestContext) {
  const dir = mkdtempSync(join(tmpdir(), 'netswarm-verified-'))
  const store = await ChunkStore.open({ path: dir, sync: 'none' })
  t.after(async () => {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  })
  return store
}

describe('verified chunks', () => {
  test('verifyChunk accepts matching bytes and refuses any other bytes', () => {
    const { cid, bytes } = chunk(4096)
    const ok = verifyChunk(cid, bytes)
    assert.equal(ok.cid, cid)
    assert.equal(ok.bytes, bytes)
    assert.ok(isVerifiedChunk(ok))
    const flipped = new Uint8Array(bytes)
    flipped[100] ^= 1
    assert.throws(() => verifyChunk(cid, flipped), ChunkIntegrityError)
    assert.throws(() => verifyChunk(cid, bytes.subarray(1)), ChunkIntegrityError)
  })

  test('putVerifiedChunks stores verified chunks and refuses look-alikes without writing', async (t) => {
    const store = await open(t)
    const a = chunk(300_000)
    const b = chunk(10)
    assert.deepEqual(await store.putVerifiedChunks([verifyChunk(a.cid, a.bytes), verifyChunk(b.cid, b.bytes)]), [
      true,
      true,
    ])
    assert.deepEqual(new Uint8Array(store.getChunk(a.cid) as Uint8Array), a.bytes)
    // Shaped like a VerifiedChunk but never hashed (and wrong): refused, whole batch, nothing stored.
    const c = chunk(64)
    const forged = { cid: c.cid, bytes: new Uint8Array(64) } as VerifiedChunk
    assert.equal(isVerifiedChunk(forged), false)
    await assert.rejects(store.putVerifiedChunks([verifyChunk(c.cid, c.bytes), forged]), TypeError)
    assert.equal(store.hasChunk(c.cid), false)
    assert.equal(store.counters().chunks, 2)
  })

  test('readChunk hands a view of exactly the stored bytes, for small and large chunks', async (t) => {
    const store = await open(t)
    const sizes = [1, 70_000, 1024 * 1024, 4 * 1024 * 1024, 300]
    const chunks = sizes.map(chunk)
    await store.putChunks(chunks)
    for (const { cid, bytes } of chunks) {
      const copy = store.readChunk(cid, (view) => {
        assert.equal(view.length, bytes.length)
        return Buffer.from(view)
      })
      assert.deepEqual(new Uint8Array(copy as Buffer), bytes)
    }
    assert.equal(
      store.readChunk(chunk(5).cid, () => 'called'),
      undefined,
    )
  })
})
