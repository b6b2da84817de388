import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { describe, test } from 'node:test'
import { ChunkStore, cidKey } from '@netswarm/chunk-store'
import { decodeManifest } from '@netswarm/content'
import { createStorageClient } from '@netswarm/storage'
import type { FetchProgress } from '../../src/client.ts'
import { createProcessSwarm, readAll } from './swarm.ts'

const MiB = 1024 * 1024
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')

async function lastProgress(stream: AsyncIterable<FetchProgress>, onEach?: (p: FetchProgress) => Promise<void> | void) {
  let last: FetchProgress | undefined
  for await (const p of stream) {
    last = p
    await onEach?.(p)
  }
  return last as FetchProgress
}

describe('transfer service processes (storage + transfer per peer, 127.0.0.1, real LMDB)', () => {
  test('one seeder to one leecher: 0 B, 1 B, one chunk and 64 MiB are byte-identical', async (t) => {
    const swarm = createProcessSwarm(t)
    const [seeder, leecher] = await swarm.peers(2)
    for (const [name, size] of [
      ['empty', 0],
      ['one-byte', 1],
      ['one-chunk', 40_000],
      ['big', 64 * MiB],
    ] as const) {
      const file = swarm.randomFile(name, size)
      const { cid } = await seeder.client.publish({ path: file.path }, { replicationFactor: 1 })
      const final = await lastProgress(leecher.client.fetch(cid))
      assert.equal(final.state, 'TRANSFER_STATE_DONE', name)
      assert.equal(Number(final.bytesReceived), size)
      assert.equal(sha(await readAll(leecher.client, cid)), sha(file.bytes), name)
    }
  })

  test('three seeders to one leecher (0 B, 1 B, one chunk, 64 MiB); one seeder SIGKILLed halfway through 64 MiB', async (t) => {
    const swarm = createProcessSwarm(t)
    const peers = await swarm.peers(4)
    const seeders = peers.slice(0, 3)
    const leecher = peers[3]
    for (const [name, size] of [
      ['empty', 0],
      ['one-byte', 1],
      ['one-chunk', 40_000],
    ] as const) {
      const small = swarm.randomFile(name, size)
      let smallCid = ''
      for (const s of seeders) smallCid = (await s.client.publish({ path: small.path }, { replicationFactor: 1 })).cid
      const done = await lastProgress(leecher.client.fetch(smallCid))
      assert.equal(done.state, 'TRANSFER_STATE_DONE', name)
      assert.equal(sha(await readAll(leecher.client, smallCid)), sha(small.bytes), name)
    }
    const file = swarm.randomFile('shared', 64 * MiB)
    let cid = ''
    for (const s of seeders) cid = (await s.client.publish({ path: file.path }, { replicationFactor: 1 })).cid
    let killed = false
    const final = await lastProgress(leecher.client.fetch(cid), async (p) => {
      if (!killed && Number(p.bytesReceived) >= Number(p.bytesTotal) / 2) {
        killed = true
        await seeders[0].kill()
      }
    })
    assert.ok(killed, 'a seeder was killed mid-transfer')
    assert.equal(final.state, 'TRANSFER_STATE_DONE')
    assert.equal(sha(await readAll(leecher.client, cid)), sha(file.bytes))
    const served = final.peers.filter((p) => p.chunksReceived > 0)
    assert.ok(served.length >= 2, `sources used: ${served.length}`)
  })

  test('a lying seeder is dropped and no bad byte is stored', async (t) => {
    const swarm = createProcessSwarm(t)
    const peers = await swarm.peers(3)
    const [liar, honest, leecher] = peers
    const file = swarm.randomFile('lies', 16 * MiB)
    const { cid } = await liar.client.publish({ path: file.path }, { replicationFactor: 1 })
    await honest.client.publish({ path: file.path }, { replicationFactor: 1 })
    // Corrupt every chunk in the liar's LMDB behind its back (as a malicious or broken peer would serve).
    const liarStorage = createStorageClient(liar.storageGrpc)
    const manifest = decodeManifest((await liarStorage.getManifest(cid)).bytes)
    const { path } = await liarStorage.storeInfo()
    liarStorage.close()
    const store = await ChunkStore.open({ path })
    await store.layout.env.transaction(() => {
      for (const ref of manifest.chunks) {
        const bad = Buffer.from(store.layout.chunks.getBinary(cidKey(ref.cid)) as Uint8Array)
        bad[0] ^= 0xff
        store.layout.chunks.put(cidKey(ref.cid), bad)
      }
    })
    await store.close()
    const final = await lastProgress(leecher.client.fetch(cid))
    assert.equal(final.state, 'TRANSFER_STATE_DONE')
    const liarView = final.peers.find((p) => p.peerId === liar.peerId)
    assert.ok(liarView?.dropped, 'the liar was dropped')
    assert.ok(final.verificationFailures >= 1)
    assert.equal(sha(await readAll(leecher.client, cid)), sha(file.bytes))
    // Every chunk the leecher stored verifies against its CID.
    const leecherStorage = createStorageClient(leecher.storageGrpc)
    t.after(() => leecherStorage.close())
    const { verifyChunk } = await import('@netswarm/content')
    for await (const c of leecherStorage.getChunks(manifest.chunks.map((r) => r.cid))) {
      assert.ok(c.bytes && verifyChunk(manifest.chunks.find((r) => r.cid.toString() === c.cid)?.cid as never, c.bytes))
    }
  })

  test('the leecher is SIGKILLed halfway and restarted: it resumes by itself and fetches only what is missing', async (t) => {
    const swarm = createProcessSwarm(t)
    const [seeder, leecher] = await swarm.peers(2)
    const file = swarm.randomFile('resume', 96 * MiB)
    const { cid, chunks } = await seeder.client.publish({ path: file.path }, { replicationFactor: 1 })
    let killedAt = 0
    // Pinned, so the restarted service resumes the download without being asked again.
    await assert.rejects(
      lastProgress(leecher.client.fetch(cid, { pin: true }), async (p) => {
        if (!killedAt && p.chunksReceived > 0) {
          killedAt = p.chunksReceived
          // Freeze the seeder at the first progress report, then kill the leecher: progress
          // reaches this process late, and on a quiet machine a whole file can arrive in that time,
          // leaving nothing to resume. Frozen, the seeder sends at most what is already in flight.
          seeder.transfer.kill('SIGSTOP')
          try {
            await leecher.kill()
          } finally {
            seeder.transfer.kill('SIGCONT')
          }
        }
      }),
    )
    assert.ok(killedAt > 0)
    const before = await seeder.client.peerStats()
    const servedBefore = before.peers.reduce((n, p) => n + Number(p.chunksOut), 0)
    await leecher.restart()
    const resumed = await leecher.waitForLog((l) => l.msg === 'resuming download' && l.cid === cid)
    assert.ok((resumed.missing as number) > 0 && (resumed.missing as number) < chunks)
    // Joins the download the service resumed on its own.
    const final = await lastProgress(leecher.client.fetch(cid))
    assert.equal(final.state, 'TRANSFER_STATE_DONE')
    assert.ok(final.chunksLocal >= killedAt, `kept ${final.chunksLocal} chunks, had ${killedAt} at the kill`)
    const after = await seeder.client.peerStats()
    const servedAfter = after.peers.reduce((n, p) => n + Number(p.chunksOut), 0)
    assert.equal(servedAfter - servedBefore, chunks - final.chunksLocal, 'only the missing chunks were served')
    assert.equal(sha(await readAll(leecher.client, cid)), sha(file.bytes))
  })
})
