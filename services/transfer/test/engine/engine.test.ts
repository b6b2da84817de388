import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { verifyChunk } from '@netswarm/content'
import type { CID } from 'multiformats/cid'
import type { FetchSnapshot } from '../../src/fetch/fetcher.ts'
import type { LocalStore } from '../../src/ports.ts'
import type { MemoryStore } from '../../src/stores/memory-store.ts'
import { createTestSwarm, once, randomFile, readBack, seed } from './helpers.ts'

const MiB = 1024 * 1024

describe('transfer engine over real wire sessions (in-process, 127.0.0.1)', () => {
  for (const [label, size] of [
    ['0 bytes', 0],
    ['1 byte', 1],
    ['one chunk', 50_000],
    ['4 MiB', 4 * MiB],
  ] as const) {
    test(`one seeder to one leecher: ${label}`, async (t) => {
      const swarm = createTestSwarm(t)
      const seeder = await swarm.peer()
      const leecher = await swarm.peer()
      const bytes = randomFile(size)
      const cid = await seed([seeder], bytes)
      const final = await leecher.engine.fetchFile(cid)
      assert.equal(final.state, 'done')
      assert.equal(final.bytesDone, size)
      assert.deepEqual(await readBack(leecher.store, cid), bytes)
    })
  }

  test('three seeders to one leecher: every seeder contributes, result identical', async (t) => {
    const swarm = createTestSwarm(t)
    const seeders = await Promise.all([swarm.peer(), swarm.peer(), swarm.peer()])
    const leecher = await swarm.peer()
    const bytes = randomFile(12 * MiB)
    const cid = await seed(seeders, bytes)
    const progress: FetchSnapshot[] = []
    for await (const s of leecher.engine.fetch(cid)) progress.push(s)
    const final = progress[progress.length - 1]
    assert.equal(final.state, 'done')
    assert.deepEqual(await readBack(leecher.store, cid), bytes)
    const contributors = final.peers.filter((p) => p.chunksReceived > 0)
    assert.equal(contributors.length, 3, JSON.stringify(final.peers.map((p) => p.chunksReceived)))
    // Nothing was written twice: endgame duplicates are dropped before storage.
    assert.equal(new Set(leecher.store.writes).size, leecher.store.writes.length)
  })

  test('a lying seeder is dropped, the file completes from honest ones, no bad byte is stored', async (t) => {
    const swarm = createTestSwarm(t)
    const lying = (s: MemoryStore): LocalStore => ({
      ...bind(s),
      // Serves flipped bytes for every chunk it is asked for.
      getChunk: async (cid: CID) => {
        const bytes = await s.getChunk(cid)
        if (!bytes) return bytes
        const bad = new Uint8Array(bytes)
        bad[0] ^= 0xff
        return bad
      },
    })
    const liar = await swarm.peer({ wrap: lying })
    const honest = await Promise.all([swarm.peer(), swarm.peer()])
    const leecher = await swarm.peer()
    const bytes = randomFile(8 * MiB)
    const cid = await seed([liar, ...honest], bytes)
    const final = await leecher.engine.fetchFile(cid)
    assert.deepEqual(await readBack(leecher.store, cid), bytes)
    const liarView = final.peers.find((p) => p.peerId === liar.engine.peerId)
    assert.ok(liarView?.dropped, 'liar dropped')
    assert.equal(liarView?.strikes, 3)
    // Chunks in flight (or being hashed) when it was dropped may add failures; none is stored.
    assert.ok(final.verificationFailures >= 3)
    for (const [key, chunk] of leecher.store.chunks) {
      const { CID } = await import('multiformats/cid')
      assert.ok(verifyChunk(CID.parse(key), chunk))
    }
  })

  test('a seeder that stops halfway: the download completes from the others', async (t) => {
    const swarm = createTestSwarm(t)
    const seeders = await Promise.all([swarm.peer(), swarm.peer(), swarm.peer()])
    const leecher = await swarm.peer()
    const bytes = randomFile(16 * MiB)
    const cid = await seed(seeders, bytes)
    let killed = false
    let final: FetchSnapshot | undefined
    for await (const s of leecher.engine.fetch(cid)) {
      final = s
      if (!killed && s.bytesDone >= s.bytesTotal / 4) {
        killed = true
        await seeders[0].stop()
      }
    }
    assert.ok(killed)
    assert.equal(final?.state, 'done')
    assert.deepEqual(await readBack(leecher.store, cid), bytes)
  })

  test('resume: chunks already stored are not fetched again', async (t) => {
    const swarm = createTestSwarm(t)
    const seeder = await swarm.peer()
    const bytes = randomFile(6 * MiB)
    const cid = await seed([seeder], bytes)
    // A leecher that already holds the manifest and half of the chunks (as after a restart).
    const first = await swarm.peer()
    await first.engine.fetchFile(cid)
    const leecherStore = (await swarm.peer()).store
    const manifestBytes = (await first.store.getManifest(cid)) as Uint8Array
    const keys = [...first.store.chunks.keys()]
    const half = keys.slice(0, Math.floor(keys.length / 2))
    const { CID } = await import('multiformats/cid')
    await leecherStore.putManifest(cid, manifestBytes, { pin: false })
    await leecherStore.putChunks(
      half.map((k) => ({ cid: CID.parse(k), bytes: first.store.chunks.get(k) as Uint8Array })),
    )
    await first.stop()
    const leecher = await swarm.peer({ store: leecherStore })
    const writesBefore = leecherStore.writes.length
    const final = await leecher.engine.fetchFile(cid)
    assert.equal(final.chunksLocal, half.length)
    assert.equal(leecherStore.writes.length - writesBefore, keys.length - half.length)
    for (const k of leecherStore.writes.slice(writesBefore)) assert.ok(!half.includes(k))
    assert.deepEqual(await readBack(leecherStore, cid), bytes)
  })

  test('readFile streams a range in order while the file downloads', async (t) => {
    const swarm = createTestSwarm(t)
    const seeder = await swarm.peer()
    const leecher = await swarm.peer()
    const bytes = randomFile(5 * MiB)
    const cid = await seed([seeder], bytes)
    const offset = 1_234_567
    const length = 2 * MiB + 17
    const parts: Uint8Array[] = []
    let info: unknown
    let expectOffset = offset
    for await (const item of leecher.engine.readFile(cid, { offset, length })) {
      if ('info' in item) info = item.info
      else {
        assert.equal(item.offset, expectOffset)
        expectOffset += item.data.length
        parts.push(new Uint8Array(item.data))
      }
    }
    assert.equal((info as { size: number }).size, bytes.length)
    assert.deepEqual(Buffer.concat(parts), Buffer.from(bytes.subarray(offset, offset + length)))
  })

  test('a publish whose source is cut off (aborted) stores no manifest and pins nothing', async (t) => {
    const swarm = createTestSwarm(t)
    const peer = await swarm.peer()
    const controller = new AbortController()
    const source = (async function* () {
      yield randomFile(2 * MiB)
      controller.abort(new Error('client went away'))
      yield randomFile(MiB)
    })()
    await assert.rejects(peer.engine.publish(source, { name: 'cut.bin', signal: controller.signal }))
    assert.equal(peer.store.manifests.size, 0)
    assert.equal(peer.store.pinned.size, 0)
  })

  test('requests start before the manifest is recorded, but no chunk is stored before it', async (t) => {
    const swarm = createTestSwarm(t)
    const seeder = await swarm.peer()
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    let manifestRecorded = false
    let chunksBeforeManifest = 0
    let requested!: () => void
    const firstChunk = new Promise<void>((resolve) => (requested = resolve))
    const slowManifest = (s: MemoryStore): LocalStore => ({
      ...bind(s),
      putManifest: async (cid, bytes, options) => {
        await gate
        await s.putManifest(cid, bytes, options)
        manifestRecorded = true
      },
      putChunks: async (entries) => {
        if (!manifestRecorded) chunksBeforeManifest += entries.length
        await s.putChunks(entries)
      },
    })
    const leecher = await swarm.peer({ wrap: slowManifest })
    const getChunk = seeder.store.getChunk.bind(seeder.store)
    seeder.store.getChunk = async (cid: CID) => {
      requested()
      return getChunk(cid)
    }
    const bytes = randomFile(2 * MiB)
    const cid = await seed([seeder], bytes)
    const fetched = leecher.engine.fetchFile(cid)
    // The seeder serves chunks while the leecher's manifest write is still held back.
    await firstChunk
    assert.equal(manifestRecorded, false)
    release()
    const final = await fetched
    assert.equal(final.state, 'done')
    assert.equal(chunksBeforeManifest, 0)
    assert.deepEqual(await readBack(leecher.store, cid), bytes)
  })

  test('a manifest that cannot be recorded fails the fetch and stores no chunk', async (t) => {
    const swarm = createTestSwarm(t)
    const seeder = await swarm.peer()
    const failingManifest = (s: MemoryStore): LocalStore => ({
      ...bind(s),
      putManifest: async () => {
        throw new Error('disk full')
      },
    })
    const leecher = await swarm.peer({ wrap: failingManifest })
    const cid = await seed([seeder], randomFile(1 * MiB))
    await assert.rejects(leecher.engine.fetchFile(cid), /disk full/)
    assert.equal(leecher.store.writes.length, 0)
  })

  test('a file nobody has fails with a clear error', async (t) => {
    const swarm = createTestSwarm(t)
    const leecher = await swarm.peer()
    const lonely = await swarm.peer()
    const { cid } = await lonely.engine.publish(once(randomFile(10)), { name: 'x', replicationFactor: 1 })
    swarm.hub.providers.clear()
    await assert.rejects(leecher.engine.fetchFile(cid), (err: Error & { code?: string }) => err.code === 'UNAVAILABLE')
  })
})

function bind(store: MemoryStore): LocalStore {
  return {
    hasChunks: store.hasChunks.bind(store),
    getChunk: store.getChunk.bind(store),
    putChunks: store.putChunks.bind(store),
    getManifest: store.getManifest.bind(store),
    putManifest: store.putManifest.bind(store),
    listPinned: store.listPinned.bind(store),
    close: store.close.bind(store),
  }
}
