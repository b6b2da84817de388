import assert from 'node:assert/strict'
import { test } from 'node:test'
import { leader } from '../../src/replication/replicator.ts'
import { createTestSwarm, once, randomFile, readBack } from './helpers.ts'

test('publish replicates to 3 holders; after a holder dies, repair restores 3', async (t) => {
  const swarm = createTestSwarm(t)
  const peers = await Promise.all(Array.from({ length: 6 }, () => swarm.peer()))
  const bytes = randomFile(3 * 1024 * 1024)
  const publisher = peers[0]
  const result = await publisher.engine.publish(once(bytes), { name: 'replicated.bin', replicationFactor: 3 })
  const replicas = await result.replication
  assert.equal(replicas.length, 2)
  const holders = () =>
    peers.filter((p) => p.store.manifests.has(result.cid.toString()) && p.store.pinned.has(result.cid.toString()))
  assert.equal(holders().length, 3)
  for (const h of holders()) assert.deepEqual(await readBack(h.store, result.cid), bytes)

  const live = await publisher.engine.replicator.liveHolders(result.cid)
  assert.equal(live.length, 3)

  // Kill one replica (its provider record stays in the router, as in the DHT).
  const victim = peers.find((p) => p !== publisher && replicas.includes(p.engine.peerId))
  assert.ok(victim)
  await victim.stop()
  const survivors = holders().filter((p) => p !== victim)
  assert.equal((await publisher.engine.replicator.liveHolders(result.cid)).length, 2)

  // Every surviving holder runs a repair pass; only the one closest to the CID acts.
  const started = performance.now()
  const rounds: string[] = []
  for (const s of survivors) s.engine.replicator.onRound((_cid, round) => rounds.push(...round.requested))
  await Promise.all(survivors.map((s) => s.engine.replicator.repairOnce()))
  const repairMs = performance.now() - started
  assert.equal(rounds.length, 1, 'exactly one new replica was requested')
  const after = await publisher.engine.replicator.liveHolders(result.cid)
  assert.equal(after.length, 3)
  const expectedLeader = leader(
    survivors.map((s) => s.engine.peerId),
    result.cid,
  )
  assert.ok(survivors.some((s) => s.engine.peerId === expectedLeader))
  t.diagnostic(`repair pass restored 3 holders in ${repairMs.toFixed(0)} ms (3 MiB file, in-process)`)
})
