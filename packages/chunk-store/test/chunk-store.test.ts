import assert from 'node:assert/strict'
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, type TestContext, test } from 'node:test'
import { NetSwarmError } from '@netswarm/runtime'
import { CID } from 'multiformats/cid'
import * as Digest from 'multiformats/hashes/digest'
import { ChunkStore, type ChunkStoreOptions, LAYOUT_KEY, QUOTA_KEY } from '../src/index.ts'

function chunk(size = 1024) {
  const bytes = randomBytes(size)
  const cid = CID.createV1(0x55, Digest.create(0x12, createHash('sha256').update(bytes).digest()))
  return { cid, bytes }
}

async function open(t: TestContext, options: Partial<ChunkStoreOptions> = {}) {
  const path = options.path ?? mkdtempSync(join(tmpdir(), 'chunk-store-'))
  const store = await ChunkStore.open({ sync: 'committed', ...options, path })
  t.after(async () => {
    await store.close().catch(() => undefined)
    if (!options.path) rmSync(path, { recursive: true, force: true })
  })
  return store
}

const hasCode = (code: string) => (err: unknown) => err instanceof NetSwarmError && err.code === code

describe('ChunkStore', () => {
  test('stores, dedupes (also within one batch) and counts chunks', async (t) => {
    const store = await open(t)
    const a = chunk(1000)
    const b = chunk(2000)
    assert.deepEqual(await store.putChunks([a, b, a]), [true, true, false])
    assert.deepEqual(await store.putChunks([b]), [false])
    assert.deepEqual(Buffer.from(store.getChunk(a.cid) ?? []), a.bytes)
    assert.deepEqual(store.hasChunks([a.cid, chunk().cid]), [true, false])
    assert.equal(store.chunkSize(b.cid), 2000)
    assert.equal(store.counters().chunks, 2)
    assert.equal(store.counters().chunkBytes, 3000)
  })

  test('a batch with one bad chunk stores nothing', async (t) => {
    const store = await open(t)
    const good = chunk()
    const bad = { cid: chunk().cid, bytes: randomBytes(1024) }
    await assert.rejects(store.putChunks([good, bad]), hasCode('INTEGRITY'))
    assert.equal(store.hasChunk(good.cid), false)
    const manifestCid = CID.createV1(0x71, good.cid.multihash)
    await assert.rejects(store.putChunks([{ cid: manifestCid, bytes: good.bytes }]), hasCode('INVALID_ARGUMENT'))
    assert.equal(store.counters().chunks, 0)
  })

  test('honours the quota recorded in the environment; a refused batch stores nothing', async (t) => {
    const store = await open(t)
    await store.layout.env.childTransaction(() => store.layout.meta.put(QUOTA_KEY, 2500))
    assert.equal(store.quota(), 2500)
    await store.putChunks([chunk(1000), chunk(1000)])
    const more = [chunk(400), chunk(400)]
    await assert.rejects(store.putChunks(more), hasCode('RESOURCE_EXHAUSTED'))
    assert.deepEqual(store.hasChunks(more.map((c) => c.cid)), [false, false])
    assert.equal(store.counters().chunkBytes, 2000)
  })

  test('data survives reopening; another layout version is refused', async (t) => {
    const path = mkdtempSync(join(tmpdir(), 'chunk-store-'))
    t.after(() => rmSync(path, { recursive: true, force: true }))
    const c = chunk()
    const first = await ChunkStore.open({ path, sync: 'durable' })
    await first.putChunks([c])
    await first.close()
    const second = await ChunkStore.open({ path })
    assert.deepEqual(Buffer.from(second.getChunk(c.cid) ?? []), c.bytes)
    assert.equal(second.counters().chunks, 1)
    await second.layout.env.childTransaction(() => second.layout.meta.put(LAYOUT_KEY, 999))
    await second.close()
    await assert.rejects(ChunkStore.open({ path }), /layout version 999/)
  })
})
