import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { test } from 'node:test'
import { createProcessSwarm, readAll } from './swarm.ts'

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')

test('with DHT processes: the leecher finds the seeder through the DHT (transfer= address) and fetches by CID', async (t) => {
  const swarm = createProcessSwarm(t, { dht: true })
  // One after the other, so each DHT bootstraps from a running one.
  const [seederPlan] = await swarm.plan(1)
  const seeder = await swarm.start(seederPlan, [])
  const [leecherPlan] = await swarm.plan(1)
  const leecher = await swarm.start(leecherPlan, [])
  const file = swarm.randomFile('via-dht', 5 * 1024 * 1024)
  const { cid } = await seeder.client.publish({ path: file.path }, { replicationFactor: 1 })
  let last: { state: string; peers: { peerId: string }[] } | undefined
  for await (const p of leecher.client.fetch(cid)) last = p
  assert.equal(last?.state, 'TRANSFER_STATE_DONE')
  assert.deepEqual(
    last?.peers.map((p) => p.peerId),
    [seeder.peerId],
  )
  assert.equal(sha(await readAll(leecher.client, cid)), sha(file.bytes))
})
