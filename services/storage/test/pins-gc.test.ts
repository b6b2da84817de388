import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { NetSwarmError } from '@netswarm/runtime'
import { Storage } from '../src/store/storage.ts'
import { collect, fileBytes, makeChunks, makeFile, startService, tempDir } from './helpers.ts'

const hasCode = (code: string) => (err: unknown) => err instanceof NetSwarmError && err.code === code

async function openStorage(
  t: import('node:test').TestContext,
  options: Partial<Parameters<typeof Storage.open>[0]> = {},
) {
  const storage = await Storage.open({ path: tempDir(t), sync: 'committed', gcGraceMs: 0, gcBatchSize: 7, ...options })
  t.after(() => storage.close())
  return storage
}

describe('pins and garbage collection', () => {
  test('a chunk shared by two pinned files is counted once and kept while either is pinned', async (t) => {
    const storage = await openStorage(t)
    const shared = makeChunks(3, 1000)
    const onlyA = makeChunks(2, 1000)
    const onlyB = makeChunks(4, 1000)
    const a = makeFile([...shared, ...onlyA, shared[0]], 'a')
    const b = makeFile([...onlyB, ...shared], 'b')
    await storage.putChunks([...shared, ...onlyA, ...onlyB])
    await storage.putManifest(a.bytes, { pin: true })
    await storage.putManifest(b.bytes)
    assert.equal(storage.stats().pinnedBytes, 5000, 'a repeated chunk counts once')
    const pinB = await storage.pin(b.cid)
    assert.deepEqual(pinB, { changed: true, pinnedBytes: 9000 }, 'shared chunks count once across files')
    assert.equal((await storage.pin(b.cid)).changed, false, 'pin is idempotent')

    assert.deepEqual(await storage.unpin(a.cid), { changed: true, pinnedBytes: 7000 })
    const gc1 = await storage.collectGarbage()
    assert.deepEqual(gc1, { chunksRemoved: 2, bytesRemoved: 2000 + a.bytes.byteLength, manifestsRemoved: 1 })
    assert.deepEqual(storage.hasChunks(shared.map((c) => c.cid)), [true, true, true], 'still used by b')
    assert.deepEqual(storage.hasChunks(onlyA.map((c) => c.cid)), [false, false])
    assert.deepEqual(await collect(storage.readFile(b.cid)), fileBytes([...onlyB, ...shared]))

    await storage.unpin(b.cid)
    const gc2 = await storage.collectGarbage()
    assert.equal(gc2.chunksRemoved, 7)
    assert.deepEqual(storage.stats(), {
      chunks: 0,
      chunkBytes: 0,
      manifests: 0,
      manifestBytes: 0,
      pins: 0,
      pinnedBytes: 0,
      bytesStored: 0,
      quotaBytes: 0,
    })
  })

  test('GC keeps unreferenced data younger than the grace period', async (t) => {
    let now = 1_000_000_000_000
    const storage = await openStorage(t, { gcGraceMs: 60_000, now: () => now })
    const chunks = makeChunks(5)
    await storage.putChunks(chunks)
    assert.equal((await storage.collectGarbage()).chunksRemoved, 0)
    now += 61_000
    assert.equal((await storage.collectGarbage()).chunksRemoved, 5)
  })

  test('GC runs in small transactions while puts, pins and reads go on', async (t) => {
    const storage = await openStorage(t, { gcBatchSize: 4 })
    const garbage = makeChunks(200, 512)
    await storage.putChunks(garbage)
    const kept = makeChunks(20, 512)
    const file = makeFile(kept)
    const gc = storage.collectGarbage()
    // Concurrent with the pass: store and pin a file, read it back.
    await storage.putChunks(kept)
    await storage.putManifest(file.bytes, { pin: true })
    const read = await collect(storage.readFile(file.cid))
    const result = await gc
    assert.deepEqual(read, fileBytes(kept))
    assert.equal(result.chunksRemoved >= 200, true)
    assert.deepEqual(storage.hasChunks(kept.map((c) => c.cid)), Array(20).fill(true), 'pinned data survives')
    assert.equal(storage.stats().chunks, 20)
  })

  test('a manifest stored before its chunks (allowMissingChunks + pin) protects chunks as they arrive', async (t) => {
    const storage = await openStorage(t)
    const chunks = makeChunks(6)
    const file = makeFile(chunks)
    await storage.putManifest(file.bytes, { pin: true, allowMissingChunks: true })
    await storage.putChunks(chunks.slice(0, 3))
    await storage.collectGarbage()
    assert.deepEqual(storage.hasChunks(chunks.map((c) => c.cid)), [true, true, true, false, false, false])
    await assert.rejects(collect(storage.readFile(file.cid)), hasCode('NOT_FOUND'))
    await storage.putChunks(chunks.slice(3))
    assert.deepEqual(await collect(storage.readFile(file.cid)), fileBytes(chunks))
  })

  test('deleting a chunk of a pinned file is refused; an unpinned one is deleted', async (t) => {
    const storage = await openStorage(t)
    const chunks = makeChunks(3)
    await storage.putChunks(chunks)
    await storage.putManifest(makeFile(chunks.slice(0, 1)).bytes, { pin: true })
    await assert.rejects(storage.deleteChunks([chunks[1].cid, chunks[0].cid]), hasCode('FAILED_PRECONDITION'))
    assert.equal(storage.stats().chunks, 3, 'nothing deleted')
    assert.equal(await storage.deleteChunks([chunks[1].cid, chunks[2].cid]), 2)
    assert.equal(storage.stats().chunks, 1)
  })

  test('a manifest whose CID does not match, or that does not parse, changes nothing', async (t) => {
    const storage = await openStorage(t)
    const chunks = makeChunks(2)
    await storage.putChunks(chunks)
    const file = makeFile(chunks)
    const other = makeFile(makeChunks(1))
    await assert.rejects(storage.putManifest(file.bytes, { expectedCid: other.cid }), hasCode('INVALID_ARGUMENT'))
    await assert.rejects(storage.putManifest(file.bytes.subarray(0, 10)), hasCode('INVALID_ARGUMENT'))
    assert.equal(storage.stats().manifests, 0)
  })
})

describe('quota', () => {
  test('a put past the quota is refused with RESOURCE_EXHAUSTED after GC, and nothing stored is harmed', async (t) => {
    const storage = await openStorage(t, { quotaBytes: 10_000 })
    const pinned = makeChunks(6, 1000)
    await storage.putChunks(pinned)
    await storage.putManifest(makeFile(pinned).bytes, { pin: true })
    const loose = makeChunks(3, 1000)
    await storage.putChunks(loose)
    // 6000 pinned + manifest + 3000 loose; 3 more KB only fit once GC removed the loose chunks.
    const more = makeChunks(3, 1000)
    assert.deepEqual(await storage.putChunks(more), [true, true, true])
    assert.deepEqual(storage.hasChunks(loose.map((c) => c.cid)), [false, false, false], 'GC had its chance')
    // GC may also take `more` (unpinned), but 5 KB never fit beside the pinned 6 KB.
    const tooMuch = makeChunks(5, 1000)
    await assert.rejects(storage.putChunks(tooMuch), (err: unknown) => {
      assert.ok(err instanceof NetSwarmError)
      assert.equal(err.code, 'RESOURCE_EXHAUSTED')
      assert.match(err.message, /quota of 10000 bytes/)
      return true
    })
    assert.deepEqual(storage.hasChunks(pinned.map((c) => c.cid)), Array(6).fill(true))
    assert.deepEqual(storage.hasChunks(tooMuch.map((c) => c.cid)), Array(5).fill(false), 'no partial batch')
  })

  test('the quota reaches clients as RESOURCE_EXHAUSTED mid-upload, the store stays consistent', async (t) => {
    // The grace period keeps this upload's own unpinned chunks from being collected to make room.
    const { client } = await startService(t, { quota: '64KiB', gcGraceSec: 300 })
    const chunks = makeChunks(40, 4096)
    const acked: string[] = []
    await assert.rejects(client.putChunks(chunks, { onAck: (cid) => acked.push(cid) }), hasCode('RESOURCE_EXHAUSTED'))
    const present = await client.hasChunks(chunks.map((c) => c.cid))
    for (const cid of acked) assert.ok(present[chunks.findIndex((c) => c.cid.toString() === cid)])
    const stats = await client.stats()
    assert.ok(stats.bytesStored <= 64 * 1024)
    assert.equal(stats.chunksStored, present.filter(Boolean).length)
    assert.equal(stats.bytesStored, stats.chunksStored * 4096)
  })
})
