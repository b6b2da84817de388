import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createStorageClient } from '@netswarm/storage'
import { createProcessSwarm, type ProcessPeer } from './swarm.ts'

async function pinnedBy(peers: ProcessPeer[], cid: string): Promise<ProcessPeer[]> {
  const out: ProcessPeer[] = []
  for (const p of peers) {
    const storage = createStorageClient(p.storageGrpc)
    try {
      const pins = await storage.listPins({ pageSize: 100 })
      if (pins.files.some((f) => f.cid === cid)) out.push(p)
    } finally {
      storage.close()
    }
  }
  return out
}

test('replication: after publish 3 peers hold the file; SIGKILL one; repair restores 3', async (t) => {
  const swarm = createProcessSwarm(t)
  const peers = await swarm.peers(5, { NETSWARM_TRANSFER_REPAIR_INTERVAL_SEC: '1' })
  const publisher = peers[0]
  const file = swarm.randomFile('replicated', 8 * 1024 * 1024)
  const { cid } = await publisher.client.publish({ path: file.path }, { replicationFactor: 3 })
  // Joins the replication round publish started; resolves once the replicas confirmed.
  const { holders } = await publisher.client.replicate(cid, 3)
  assert.equal(new Set(holders).size, 3, `holders ${holders}`)
  const before = await pinnedBy(peers, cid)
  assert.equal(before.length, 3)

  const victim = before.find((p) => p !== publisher) as ProcessPeer
  const killedAt = Date.now()
  await victim.kill()
  const survivors = peers.filter((p) => p !== victim)
  // Some surviving holder (the one closest to the CID) runs a repair round that adds a replica.
  const repaired = await Promise.race(
    survivors.map((p) =>
      p.waitForLog(
        (l) => l.msg === 'replication round' && (l.time as number) >= killedAt && (l.requested as string[]).length > 0,
      ),
    ),
  )
  const repairMs = (repaired.time as number) - killedAt
  const after = await pinnedBy(survivors, cid)
  assert.equal(after.length, 3, `holders after repair: ${after.map((p) => p.name)}`)
  t.diagnostic(`repair restored 3 holders ${repairMs} ms after a holder was SIGKILLed (repair interval 1 s, 8 MiB)`)
})
